package dev.nexus.server;

import dev.nexus.clientkey.ClientKey;
import dev.nexus.clientkey.ClientKeys;
import dev.nexus.keylimit.KeyGate;
import dev.nexus.keylimit.KeyTicket;
import dev.nexus.secret.Masks;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Client API-key check for every proxy surface, the provider pass-through ({@link ProviderPaths}) included. The key may come as {@code Authorization: Bearer},
 * {@code x-api-key}, {@code x-goog-api-key} or {@code ?key=}; any carrier holding a valid key admits the request
 * (clients sometimes send an unrelated token in another header). Failures answer 401 in the path's dialect, as does a
 * key that is disabled or expired. Each admitted request gets its key's {@link KeyTicket}, closed when it ends.
 */
final class ClientAuth implements Filter {
    static final List<String> PROTECTED_PREFIXES = List.of("/v1/", "/anthropic/", "/genai/", "/v1beta/");
    private static final HeaderName X_API_KEY = HeaderNames.create("x-api-key");
    private static final HeaderName X_GOOG_API_KEY = HeaderNames.create("x-goog-api-key");

    private final ClientKeys keys;
    private final KeyGate gate;
    private final Replies replies;
    private final Executor background;

    ClientAuth(ClientKeys keys, KeyGate gate, Replies replies, Executor background) {
        this.keys = keys;
        this.gate = gate;
        this.replies = replies;
        this.background = background;
    }

    static boolean isProtected(String path) {
        if (ProviderPaths.covers(path)) {
            return true;
        }
        for (String prefix : PROTECTED_PREFIXES) {
            if (path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!isProtected(req.path().path()) || req.prologue().method().equals(Method.OPTIONS)) {
            chain.proceed();
            return;
        }
        List<String> presented = presentedKeys(req);
        if (presented.isEmpty()) {
            replies.error(req, res, new HttpError(401, "missing API key: send your Nexus key as 'Authorization: Bearer <key>',"
                    + " 'x-api-key', 'x-goog-api-key' or '?key=' (create one with: nexus keys create)", "missing_api_key"));
            return;
        }
        for (String candidate : presented) {
            Optional<ClientKey> key = keys.verify(candidate);
            if (key.isPresent()) {
                req.context().register(key.get());
                Optional<String> lockout = gate.lockout(key.get());
                if (lockout.isPresent()) {
                    replies.error(req, res, new HttpError(401, lockout.get(), "invalid_api_key"));
                    return;
                }
                if (keys.touchDue(key.get())) {
                    background.execute(() -> keys.touch(key.get()));
                }
                // The ticket is admitted where the model is known (the gateway) and closed here, when the handler is
                // done with the request however it ended: a finished stream, an error, a client that hung up.
                KeyTicket ticket = gate.ticket(key.get());
                req.context().register(ticket);
                try {
                    chain.proceed();
                } finally {
                    ticket.close();
                }
                return;
            }
        }
        replies.error(req, res, new HttpError(401, "invalid API key " + Masks.token(presented.get(0))
                + ": it is unknown or was revoked (list keys with: nexus keys list; create one with: nexus keys create)",
                "invalid_api_key"));
    }

    private static List<String> presentedKeys(RoutingRequest req) {
        List<String> found = new ArrayList<>(2);
        req.headers().first(HeaderNames.AUTHORIZATION).ifPresent(value -> {
            String trimmed = value.trim();
            if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
                add(found, trimmed.substring(7));
            }
        });
        req.headers().first(X_API_KEY).ifPresent(v -> add(found, v));
        req.headers().first(X_GOOG_API_KEY).ifPresent(v -> add(found, v));
        req.query().first("key").ifPresent(v -> add(found, v));
        return found;
    }

    private static void add(List<String> found, String value) {
        String trimmed = value.trim();
        if (!trimmed.isEmpty() && !found.contains(trimmed)) {
            found.add(trimmed);
        }
    }
}
