package dev.nexus.monitor;

import java.time.Instant;

/**
 * What the monitor keeps of one proxied request. Text fields are null when unknown or not applicable (a request
 * refused before routing has no models; a 401 has no key); nothing here is a secret in full: the account is a masked
 * email or a masked key label, the key is the client key's name, and path, error and bodies are redacted.
 *
 * @param id the record's own id ({@code rl_…})
 * @param requestId the {@code X-Request-ID} the client saw
 * @param path the path without the query string (which may carry {@code ?key=})
 * @param surface a {@link Surface} wire name
 * @param status the HTTP status sent; 499 when the client left before anything was sent
 * @param ttfbMs milliseconds until the first response byte was written; null when nothing was written
 * @param accountId the account id, or {@code key1}, {@code key2}… for a key-based upstream
 * @param account the account's masked email, or the masked label of the upstream key
 * @param keyId the client key's id ({@code env} for NEXUS_API_KEY)
 * @param keyName the client key's name ({@code NEXUS_API_KEY} for the environment key)
 * @param attempts the route decision as {@code X-Nexus-Route} prints it
 * @param error the error the client got (for non-2xx), or a failure after the answer had started
 * @param requestBody the redacted, capped request body; null unless body logging was on
 * @param responseBody the redacted, capped response body (a stream's first part); null unless body logging was on
 */
public record RequestRecord(
        String id,
        Instant startedAt,
        String requestId,
        String method,
        String path,
        String surface,
        int status,
        long durationMs,
        Long ttfbMs,
        String clientModel,
        String provider,
        String targetModel,
        String accountId,
        String account,
        String keyId,
        String keyName,
        Long inputTokens,
        Long outputTokens,
        String attempts,
        String error,
        String requestBody,
        String responseBody) {

    /** Failed: a 4xx/5xx status, or an error after a 2xx answer had started. */
    public boolean failed() {
        return status >= 400 || error != null;
    }

    public RequestRecord withBodies(String request, String response) {
        return new RequestRecord(id, startedAt, requestId, method, path, surface, status, durationMs, ttfbMs, clientModel,
                provider, targetModel, accountId, account, keyId, keyName, inputTokens, outputTokens, attempts, error,
                request, response);
    }

    public RequestRecord withoutBodies() {
        return requestBody == null && responseBody == null ? this : withBodies(null, null);
    }
}
