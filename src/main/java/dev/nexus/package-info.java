/** OAuth-LLM-Nexus: the entry point. Each subpackage states its job and what it may depend on. */
package dev.nexus;
