/**
 * HTTP wiring only: the Helidon server, its filters (request id, access log, body limit, admin auth, cross-site guard
 * for admin changes, client-key auth), health endpoints, the dashboard and monitor pages with their static files
 * (classpath {@code web/}, served under a strict Content-Security-Policy), and errors rendered in the envelope of the
 * path's dialect. Handlers run on virtual threads and finish their response before returning. Depends on
 * {@code config}, {@code clientkey}, {@code secret} and the dialect error shapes; never on {@code store}.
 */
package dev.nexus.server;
