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
            String method = req.prologue().method().text();
            int status = res.status().code();
            if (LOG.isInfoEnabled()) {
                // Built here rather than from a "{}" pattern: the line is written for every request.
                LOG.info(new StringBuilder(96).append(method).append(' ').append(req.path().path()).append(' ')
                        .append(status).append(' ').append(nanos / 1_000_000).append("ms ")
                        .append(RequestIds.of(req)).toString());
            }
            answered.answered(method, status, nanos);
        }
    }
}
