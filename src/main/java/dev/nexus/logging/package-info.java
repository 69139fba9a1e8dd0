/**
 * How log lines reach standard error: {@link dev.nexus.logging.LogConfiguration} configures Logback in code, with
 * {@link dev.nexus.logging.StderrLines} as the one appender. Depends on Logback only; nothing in Nexus depends on this
 * package.
 */
package dev.nexus.logging;
