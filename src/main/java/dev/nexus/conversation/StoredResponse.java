package dev.nexus.conversation;

import java.time.Instant;
import java.util.Optional;

/**
 * One stored Responses API answer: the input items of its request, its output items and the full response object
 * (all as the Responses dialect's JSON text), chained to the response it continued.
 *
 * @param ownerKeyId the id of the client key that created it ({@code env} for NEXUS_API_KEY); only that key may read,
 *     delete or continue it
 */
public record StoredResponse(String id, String ownerKeyId, Optional<String> previousId, String model, Instant createdAt,
        Instant expiresAt, String inputItems, String outputItems, String response) {}
