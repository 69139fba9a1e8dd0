/**
 * Configuration: reads environment variables into one immutable {@link dev.nexus.config.Settings} at start-up,
 * including the OpenAI-compatible provider catalog ({@link dev.nexus.config.CompatCatalogLoader}: a YAML file plus
 * {@code NEXUS_<ID>_*} variables). Depends on the JDK and Jackson (JSON and YAML) only; invalid values raise
 * {@link dev.nexus.config.ConfigException} with a one-line fix, except catalog entries, which are skipped with a warning.
 */
package dev.nexus.config;
