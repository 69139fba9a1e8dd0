package dev.nexus.server;

import dev.nexus.chat.RandomIds;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.regex.Pattern;

/** Gives every request an id: the client's {@code X-Request-ID} when it is sane, otherwise a new one; echoed back. */
public final class RequestIds implements Filter {
    static final HeaderName HEADER = HeaderNames.create("X-Request-ID");
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String id = req.headers().first(HEADER).filter(v -> SANE.matcher(v).matches())
                .orElseGet(() -> "req_" + RandomIds.hex());
        req.context().register(new RequestId(id));
        res.header(HEADER, id);
        chain.proceed();
    }

    /** The id in the request context, for logs and upstream calls. */
    public record RequestId(String value) {}

    /** The id of a request that passed this filter. */
    public static String of(io.helidon.webserver.http.ServerRequest req) {
        return req.context().get(RequestId.class).map(RequestId::value).orElse("-");
    }
}
