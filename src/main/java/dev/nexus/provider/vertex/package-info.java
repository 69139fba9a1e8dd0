/**
 * Vertex AI in express mode (publisher models with an API key, no project) as a pass-through upstream: which
 * endpoints Nexus relays and how a model id becomes the upstream path, over the shared
 * {@link dev.nexus.provider.RelayTransport}. Depends on {@code provider} and {@code account} (API keys); blocking,
 * virtual threads.
 */
package dev.nexus.provider.vertex;
