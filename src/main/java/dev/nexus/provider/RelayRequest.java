package dev.nexus.provider;

import java.util.List;
import java.util.Map;

/**
 * A client's request as a key-injecting relay forwards it: the body is kept whole (it is bounded by the server's
 * body limit) so the same request can be sent again with another key; the path is the upstream's to decide.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param rawQuery the client's query string as sent (still encoded), or {@code ""}
 * @param headers the client's headers by name, every value in order
 * @param body the body bytes exactly as received ({@code new byte[0]} for none)
 */
public record RelayRequest(String method, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    public RelayRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = Map.copyOf(headers);
    }
}
