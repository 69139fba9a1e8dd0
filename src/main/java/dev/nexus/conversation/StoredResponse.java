package dev.nexus.conversation;

import java.time.Instant;
import java.util.Optional;

/**
 * One stored Responses API answer: the input items of its request, its output items and the full response object
 * (all as the Responses dialect's JSON text), chained to the response it continued.
 */
public record StoredResponse(String id, Optional<String> previousId, String model, Instant createdAt, Instant expiresAt,
        String inputItems, String outputItems, String response) {}
