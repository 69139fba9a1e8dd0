/**
 * How log lines reach standard error: {@link dev.nexus.logging.StderrLines}, the Logback appender named in
 * {@code logback.xml}. Depends on Logback only; nothing in Nexus depends on this package.
 */
package dev.nexus.logging;
