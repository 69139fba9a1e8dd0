package dev.nexus.provider;

import dev.nexus.account.ApiKey;
import dev.nexus.upstream.UpstreamHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Relays a client's request to a key-based upstream (the Gemini API, Vertex express mode, an OpenAI-compatible catalog
 * provider) with the server's key instead of the client's: the body byte for byte, the query without {@code key}, the
 * client's headers without its credentials, encoding and hop-by-hop headers, the upstream's static headers, and the
 * server key in the upstream's header ({@link KeyHeader}) — never in the query, so it never lands in an access log.
 * A body without a {@code Content-Type} is sent as JSON, what every such upstream speaks. The answer comes back unread,
 * to be relayed as it arrives.
 *
 * <p>The timeout bounds the wait for the response headers only; a stream may then run as long as the model writes.
 * One instance per upstream, shared by all requests; blocking, called from virtual threads.
 */
public final class RelayTransport {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "proxy-connection", "keep-alive",
            "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate", "proxy-authorization");
    /**
     * Never forwarded: the client's credentials (its Nexus key may ride in any of them), the encoding the relay
     * negotiates itself, what the HTTP client sets from the request, and Nexus's own request headers.
     */
    private static final Set<String> CLIENT_ONLY = Set.of("authorization", "x-goog-api-key", "x-api-key", "api-key", "cookie",
            "accept-encoding", "host", "content-length", "expect");

    /** Where the server's key goes. */
    public enum KeyHeader {
        /** Google's {@code x-goog-api-key}. */
        GOOG_API_KEY,
        /** {@code Authorization: Bearer}, as OpenAI-compatible servers take it. */
        BEARER;

        Map.Entry<String, String> header(ApiKey key) {
            return switch (this) {
                case GOOG_API_KEY -> Map.entry("x-goog-api-key", key.value().reveal());
                case BEARER -> Map.entry("authorization", "Bearer " + key.value().reveal());
            };
        }
    }

    private final UpstreamHttp http;
    private final String name;
    private final URI baseUrl;
    private final Duration timeout;
    private final KeyHeader keyHeader;
    private final Map<String, String> staticHeaders;

    /**
     * @param name the upstream as messages call it, e.g. {@code Gemini API}
     * @param baseUrl scheme, host and optional path prefix; request paths are appended to it
     * @param timeout how long to wait for the response headers
     */
    public RelayTransport(UpstreamHttp http, String name, URI baseUrl, Duration timeout) {
        this(http, name, baseUrl, timeout, KeyHeader.GOOG_API_KEY, Map.of());
    }

    /**
     * @param keyHeader where the server's key goes
     * @param staticHeaders sent with every request, replacing a client's header of the same name (their names are
     *     checked where they are configured: never a credential header)
     */
    public RelayTransport(UpstreamHttp http, String name, URI baseUrl, Duration timeout, KeyHeader keyHeader,
            Map<String, String> staticHeaders) {
        this.http = http;
        this.name = name;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.keyHeader = keyHeader;
        this.staticHeaders = Map.copyOf(staticHeaders);
    }

    public String name() {
        return name;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Sends the request to {@code path} (already encoded, starting with {@code /}) with the key.
     *
     * @throws HttpTimeoutException when no response headers arrived within the timeout
     * @throws IOException when the upstream cannot be reached
     */
    public RelayResponse send(String path, RelayRequest request, ApiKey key) throws IOException {
        Map<String, List<String>> forwarded = forwardedHeaders(request.headers());
        staticHeaders.keySet().forEach(header -> forwarded.remove(header.toLowerCase(Locale.ROOT)));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        forwarded.forEach((header, values) -> values.stream()
                .filter(v -> sendable(header, v)).forEach(v -> headers.add(Map.entry(header, v))));
        staticHeaders.forEach((header, value) -> headers.add(Map.entry(header, value)));
        if (request.body().length > 0 && !forwarded.containsKey("content-type")) {
            headers.add(Map.entry("content-type", "application/json"));
        }
        headers.add(keyHeader.header(key));
        UpstreamHttp.Answer answer = http.send(
                new UpstreamHttp.Request(request.method(), target(path, request.rawQuery()), headers, request.body(), timeout), name);
        return new RelayResponse(answer.status(), endToEnd(answer.headers()), answer.body());
    }

    /**
     * Whether a header can go out as it is: a token name and a value without control characters. Anything else is
     * left out rather than failing the call; the upstream does not need it.
     */
    static boolean sendable(String name, String value) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** A model id or other value as one path segment: unreserved characters as is, everything else percent-encoded. */
    public static String segment(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~@".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    URI target(String path, String rawQuery) {
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String query = withoutKey(rawQuery);
        return URI.create(base + path + (query.isEmpty() ? "" : "?" + query));
    }

    /** The query as sent, minus every {@code key} parameter (the client's credential). */
    static String withoutKey(String rawQuery) {
        StringJoiner kept = new StringJoiner("&");
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String param = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (!param.equals("key")) {
                kept.add(pair);
            }
        }
        return kept.toString();
    }

    /** The client's headers that may travel on: no credentials, no hop-by-hop ones (nor those Connection names). */
    static Map<String, List<String>> forwardedHeaders(Map<String, List<String>> client) {
        Set<String> dropped = new HashSet<>(HOP_BY_HOP);
        dropped.addAll(CLIENT_ONLY);
        dropped.addAll(connectionTokens(client));
        Map<String, List<String>> kept = new LinkedHashMap<>();
        client.forEach((header, values) -> {
            String lower = header.toLowerCase(Locale.ROOT);
            if (!dropped.contains(lower) && !lower.startsWith("x-nexus-") && !lower.startsWith(":")) {
                kept.computeIfAbsent(lower, k -> new ArrayList<>()).addAll(values);
            }
        });
        return kept;
    }

    /** The upstream's headers worth relaying: no hop-by-hop ones, no Content-Length (the server frames the body). */
    static Map<String, List<String>> endToEnd(Map<String, List<String>> upstream) {
        Set<String> dropped = new HashSet<>(HOP_BY_HOP);
        dropped.add("content-length");
        dropped.addAll(connectionTokens(upstream));
        Map<String, List<String>> kept = new LinkedHashMap<>();
        upstream.forEach((header, values) -> {
            String lower = header.toLowerCase(Locale.ROOT);
            if (!dropped.contains(lower) && !lower.startsWith(":")) {
                kept.computeIfAbsent(lower, k -> new ArrayList<>()).addAll(values);
            }
        });
        return kept;
    }

    private static Set<String> connectionTokens(Map<String, List<String>> headers) {
        Set<String> tokens = new HashSet<>();
        headers.forEach((header, values) -> {
            if (header.equalsIgnoreCase("connection")) {
                values.forEach(v -> {
                    for (String token : v.split(",")) {
                        tokens.add(token.trim().toLowerCase(Locale.ROOT));
                    }
                });
            }
        });
        return tokens;
    }
}
