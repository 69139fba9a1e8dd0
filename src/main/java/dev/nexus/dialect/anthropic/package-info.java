/** The Anthropic Messages dialect: translations to and from the canonical model, and error shapes. Depends on Jackson only. */
package dev.nexus.dialect.anthropic;
