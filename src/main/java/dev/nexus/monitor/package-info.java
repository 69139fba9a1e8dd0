/**
 * The request monitor: observes, never changes, the flow. One {@link dev.nexus.monitor.RequestRecord} per proxied
 * request (method, path, surface, status, latency, time to first byte, models, provider, account, client key, tokens,
 * the route's attempts, error, and — only while body logging is on — bodies with secrets redacted and capped).
 *
 * <p>How it gathers: the server opens an {@link dev.nexus.monitor.Observation} per request and keeps it in the
 * request's context; fronts, the body reader and the response writers add what they know to it; the server closes it
 * when the answer is out. Closing builds the record, shows it to the {@link dev.nexus.monitor.LiveFeed} (without
 * bodies) and offers it to the {@link dev.nexus.monitor.RecordWriter}, whose bounded queue a background thread drains
 * in batches into a {@link dev.nexus.monitor.RequestLogRepository}; it is also shown to the listener the monitor was
 * built with (the metrics' request counters), on the request's thread. A full queue drops the record and counts it; a
 * batch the database refuses a record of is written again record by record, so only the refused ones are lost; a
 * batch the database cannot take at all is dropped; lost records are counted. Nothing here blocks a request or throws
 * into it. On a database shared by several instances, the feed also relays the records other instances announce
 * ({@link dev.nexus.monitor.LiveFeed#relay}), so a dashboard open on one shows the requests of all.
 *
 * <p>Threading: an observation is written by its request's thread (and possibly a stream writer's) and is
 * thread-safe; the writer owns one platform thread; feed subscriptions are read by the SSE handler that made them.
 * Depends on nothing but {@code secret} (masks) and {@code chat} (random ids); SQL lives in {@code store}
 * ({@code SqlRequestLogs}).
 */
package dev.nexus.monitor;
