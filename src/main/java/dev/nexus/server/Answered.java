package dev.nexus.server;

/**
 * Told of every HTTP exchange the server answered (admin, pages and health included, not only the proxy surfaces the
 * monitor records), for the metrics. Called on the request's thread after the answer: must be cheap, never throw.
 */
@FunctionalInterface
public interface Answered {
    void answered(String method, int status, long nanos);
}
