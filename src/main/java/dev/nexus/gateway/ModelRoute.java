package dev.nexus.gateway;

/**
 * A client model name mapped to a provider and the model to ask it for.
 *
 * @param provider a provider id: {@code google} (Cloud Code accounts), later also gemini, vertex, codex, …
 */
public record ModelRoute(String id, String clientModel, String provider, String targetModel, boolean active) {}
