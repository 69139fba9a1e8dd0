/**
 * Configuration: reads environment variables into one immutable {@link dev.nexus.config.Settings} at start-up.
 * Depends on nothing but the JDK; invalid values raise {@link dev.nexus.config.ConfigException} with a one-line fix.
 */
package dev.nexus.config;
