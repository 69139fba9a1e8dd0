/**
 * The HTTP/1 connection layer under Helidon's parser, for what Helidon SE WebServer 4.5.0 leaves undone:
 * <ul>
 *   <li>It answers {@code Connection: close} (and HTTP/1.0) with that header but keeps the connection open for a next
 *       request; here the connection ends once the answer is out.</li>
 *   <li>It bounds neither an idle keep-alive connection well (checked every two minutes, closed after five) nor a
 *       request head that trickles in after its first line, nor an upload that stalls (it never applies a socket read
 *       timeout). A watchdog here closes connections that wait on the client for longer than
 *       {@link dev.nexus.config.Settings.ConnectionTimeouts} allow; a response being written is never bounded.</li>
 *   <li>It refuses HTTP/1.0 with 505. Here a 1.0 request is read as 1.1 and its answer written back as 1.0: status
 *       line {@code HTTP/1.0}, no {@code Transfer-Encoding} (a chunked body is sent plain and ends with the
 *       connection), {@code Connection: close}.</li>
 *   <li>It closes a connection as soon as its answer is out, with the rest of an unread request body (a 413, broken
 *       framing) still arriving: the operating system then resets the connection, and the reset can destroy the
 *       answer before the client reads it. Here the rest is read and dropped first, while the client keeps sending.</li>
 *   <li>It rejects chunk extensions ({@code 5;name=value}) and trailer fields, which are valid HTTP/1.1, and parses
 *       chunk sizes so that a bad one escapes as a {@code NumberFormatException}. Here chunk-size lines are read with
 *       a length bound, extensions are dropped, trailers skipped, and a bad line is a 400 {@code RequestException}.</li>
 * </ul>
 * The entry point is {@link dev.nexus.server.http1.Http1Guard}, installed as the listener's only connection selector;
 * it wraps Helidon's own {@code Http1ConnectionSelector} and gives Helidon's connection a context whose reader and
 * writer are the ones here. On the HTTP/1.1 path nothing is copied: the reader is Helidon's {@code DataReader} fed
 * straight from the socket, and the writer passes buffers through; the bookkeeping is a few volatile writes and
 * clock reads per socket read and two listener calls per request. Each connection's state is written by its own
 * thread and read by the watchdog's. Depends on Helidon and {@code config} only.
 */
package dev.nexus.server.http1;
