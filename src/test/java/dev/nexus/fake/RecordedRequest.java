package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as the fake received it.
 *
 * @param path the decoded path, e.g. {@code /v1internal:streamGenerateContent}
 * @param query the raw query string, or {@code null} when there was none
 * @param headers header values keyed by lower-cased name, in arrival order
 * @param body the body decoded as UTF-8 ({@code ""} when empty)
 * @param clientPort the port the request came from: requests with the same one shared a kept-alive connection
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, String body,
        int clientPort) {

    public RecordedRequest {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), RecordedRequest::concat));
        headers = Map.copyOf(copy);
    }

    /** The body parsed as JSON; fails the calling test when it is not JSON. */
    public JsonNode json() {
        return Json.tryParse(body).orElseThrow(() -> new IllegalStateException("body is not JSON: " + body));
    }

    /** First value of a header, case-insensitively, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** First value of a query parameter, decoded, or {@code null}. */
    public String queryParam(String name) {
        return decodeForm(query == null ? "" : query).get(name);
    }

    /** The body read as {@code application/x-www-form-urlencoded}, first value per name. */
    public Map<String, String> form() {
        return decodeForm(body);
    }

    static Map<String, String> decodeForm(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
