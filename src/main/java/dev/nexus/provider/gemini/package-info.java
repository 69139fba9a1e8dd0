/**
 * The Gemini API ({@code generativelanguage.googleapis.com}, API keys) as a pass-through upstream: which endpoints
 * Nexus relays and where they live, over the shared {@link dev.nexus.provider.RelayTransport}. Key choice and
 * failover are the gateway's. Depends on {@code provider} and {@code account} (API keys); blocking, virtual threads.
 */
package dev.nexus.provider.gemini;
