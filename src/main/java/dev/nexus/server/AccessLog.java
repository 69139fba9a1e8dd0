package dev.nexus.server;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: method, path without the query (which may carry {@code ?key=}), status, time; the same
 * facts, without the path, go to an {@link Answered} listener (the metrics).
 */
final class AccessLog implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger("nexus.access");

    private final Answered answered;

    AccessLog(Answered answered) {
        this.answered = answered;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            long nanos = System.nanoTime() - start;
            String id = req.context().get(RequestIds.RequestId.class).map(RequestIds.RequestId::value).orElse("-");
            LOG.info("{} {} {} {}ms {}", req.prologue().method().text(), req.path().path(), res.status().code(),
                    nanos / 1_000_000, id);
            answered.answered(req.prologue().method().text(), res.status().code(), nanos);
        }
    }
}
