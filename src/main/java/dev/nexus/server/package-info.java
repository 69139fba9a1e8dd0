/**
 * HTTP wiring only: the Helidon server, its filters (request id, request monitor, access log, host guard against DNS
 * rebinding of the open admin surface, body limit, admin auth, cross-site guard for admin changes, client-key auth),
 * health endpoints, the dashboard and monitor pages with their
 * static files (classpath {@code web/}, served under a strict Content-Security-Policy), and errors rendered in the
 * envelope of the path's dialect, including the refusals Helidon answers itself ({@code ConnectionErrors}). Handlers
 * run on virtual threads and finish their response before returning. Request bodies are read in one place
 * ({@code RequestBody}), which turns every way a read can fail into the client's error or a record. The request
 * monitor's observation of a request lives in its context ({@code Observations.of(req)}); the body reader and the
 * response writers here feed it. Connections themselves are guarded by {@code http1}. Depends on {@code config},
 * {@code clientkey}, {@code keylimit} (each admitted request's {@code KeyTicket}, closed when it ends), {@code secret},
 * {@code monitor}, {@code io} (bodies read whole) and the dialect error shapes; never on {@code store}.
 * Admin auth also guards {@code /metrics}, which a bearer NEXUS_METRICS_TOKEN opens too (and then the host guard
 * leaves it alone: the token is a credential a rebound page does not have).
 */
package dev.nexus.server;
