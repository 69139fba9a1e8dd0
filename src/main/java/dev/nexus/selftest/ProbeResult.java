package dev.nexus.selftest;

import java.time.Instant;
import java.util.Optional;

/**
 * What one probe found, in the Go original's {@code /api/test} shape plus the route Nexus took.
 *
 * @param mappedModel the model the upstream was asked for (from {@code X-Nexus-Route}; the probe's model when the
 *     answer names none)
 * @param statusCode the HTTP status of the answer (200 for a skipped probe, as in the Go original; 0 when no answer came)
 * @param reason why it failed or was skipped, with the fix where Nexus knows it; empty on success
 * @param snippet the start of the answer's text, or of the error message
 * @param route the {@code X-Nexus-Route} header of the answer, empty when it had none
 */
public record ProbeResult(
        String endpoint,
        String path,
        String model,
        String provider,
        String mappedModel,
        int statusCode,
        long durationMs,
        String contentType,
        boolean success,
        boolean skipped,
        Optional<String> reason,
        String snippet,
        String route,
        Instant at) {}
