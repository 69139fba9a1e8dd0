package dev.nexus.server;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per request: method, path without the query (which may carry {@code ?key=}), status, time. */
final class AccessLog implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger("nexus.access");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            String id = req.context().get(RequestIds.RequestId.class).map(RequestIds.RequestId::value).orElse("-");
            LOG.info("{} {} {} {}ms {}", req.prologue().method().text(), req.path().path(), res.status().code(),
                    (System.nanoTime() - start) / 1_000_000, id);
        }
    }
}
