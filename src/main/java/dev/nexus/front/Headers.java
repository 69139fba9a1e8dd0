package dev.nexus.front;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/** Request headers every front reads the same way. */
final class Headers {
    private Headers() {}

    /** {@code X-Nexus-Account}: an account email or id that must serve this request. */
    static Optional<String> pinnedAccount(ServerRequest req) {
        return req.headers().first(HeaderNames.create("X-Nexus-Account")).map(String::trim).filter(v -> !v.isEmpty());
    }
}
