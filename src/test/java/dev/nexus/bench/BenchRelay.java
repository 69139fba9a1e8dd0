package dev.nexus.bench;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * The floor of the latency benchmark ({@code bench/}): the cheapest gateway that can be built on the stack Nexus uses,
 * so the benchmark can show how much of Nexus's added latency any gateway of this architecture pays, and how much is
 * Nexus's own work above that.
 *
 * <p>Same stack as Nexus: a Helidon SE 4 {@link WebServer} configured as {@code NexusServer} configures it (virtual
 * threads, {@code TCP_NODELAY}), and one JDK {@link HttpClient} built as Nexus builds its upstream client (HTTP/1.1,
 * virtual-thread executor). Nothing else: no filters, auth, logging, database, JSON library, request ids or per-request
 * timeout.
 *
 * <p>{@code POST /v1/chat/completions}: reads the body; if it has {@code "stream":true} it POSTs the fixed envelope
 * ({@link BenchUpstream#ENVELOPE}, the one the load generator's direct scenarios send) to
 * {@code :streamGenerateContent?alt=sse} and relays every upstream {@code data:} event as an OpenAI
 * {@code chat.completion.chunk} carrying that event's text, flushed per event, then {@code data: [DONE]}; otherwise
 * it POSTs the envelope to {@code :generateContent} and answers a {@code chat.completion} with the upstream's text.
 * The text is found by a byte scan for the first {@code "text":"…"} string, copied still JSON-escaped; the body the
 * client sent is not interpreted beyond looking for {@code "stream":true}.
 *
 * <p>{@code POST /compat/v1/chat/completions} is the floor of the OpenAI-compatible scenario ({@code bench/run-compat.sh}):
 * the body relayed unchanged to the upstream's {@code /v1/chat/completions}, the answer relayed as it comes.
 *
 * <p>{@code GET /healthz} answers {@code {"status":"ok"}}: the floor of the start-up benchmark ({@code bench/run-startup.sh}),
 * which times a start to its first answer as it times Nexus's. Like Nexus, the relay builds its upstream clients once
 * it listens, so its health check answers before them.
 *
 * <p>Usage: {@code BenchRelay <port> <upstream base, e.g. http://127.0.0.1:P>} (port 0 picks a free one). Prints
 * {@code BENCH_RELAY_PORT=<port>} on stdout once it listens, and runs until killed. Loopback only.
 */
public final class BenchRelay {
    private static final byte[] HEALTHY = ascii("{\"status\":\"ok\"}");
    private static final byte[] TEXT = ascii("\"text\":\"");
    private static final byte[] FINISH = ascii("\"finishReason\"");
    private static final byte[] STREAM = ascii("\"stream\"");
    private static final byte[] DATA = ascii("data:");
    private static final byte[] DONE = ascii("data: [DONE]\n\n");
    private static final byte[] EVENT_END = ascii("\n\n");
    private static final byte[] COMPLETION_HEAD = ascii("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":");
    private static final byte[] COMPLETION_MODEL = ascii(",\"model\":\"" + BenchUpstream.MODEL
            + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"");
    private static final byte[] COMPLETION_TAIL = ascii("\"},\"finish_reason\":\"stop\"}]}");
    private static final byte[] CHUNK_HEAD = ascii("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":");
    private static final byte[] CHUNK_FIRST = ascii(",\"model\":\"" + BenchUpstream.MODEL
            + "\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"");
    private static final byte[] CHUNK_NEXT = ascii(",\"model\":\"" + BenchUpstream.MODEL
            + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"");
    private static final byte[] CHUNK_OPEN = ascii("\"},\"finish_reason\":null}]}\n\n");
    private static final byte[] CHUNK_STOP = ascii("\"},\"finish_reason\":\"stop\"}]}\n\n");

    private final HttpClient http;
    private final HttpRequest unary;
    private final HttpRequest stream;
    /** Non-null when the relay calls the upstream with Helidon's blocking WebClient instead of the JDK client. */
    private final io.helidon.webclient.http1.Http1Client helidon;
    private final String base;
    private final byte[] envelope;
    /** The OpenAI-compatible upstream's endpoint ({@link BenchUpstream}) and the client for it (Helidon, as Nexus's). */
    private final String compatUrl;
    private final io.helidon.webclient.http1.Http1Client compat;
    /**
     * Non-null in {@code lean} mode: the compat route's connections, kept here as Nexus keeps its own
     * ({@code upstream.KeptConnections}: no idle watch), and read without a socket timeout (Nexus bounds waits with one
     * watch thread instead). Without the watch and a stale-connection retry: the least a gateway must do, still.
     */
    private final java.util.concurrent.ConcurrentLinkedDeque<io.helidon.webclient.api.TcpClientConnection> leanIdle;
    private final io.helidon.webclient.api.WebClient leanConnector;
    private final io.helidon.webclient.api.ConnectionKey leanKey;

    private BenchRelay(URI upstream, boolean useHelidon, boolean lean) {
        // As UpstreamClients builds Nexus's client.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.base = upstream.toString().replaceAll("/+$", "") + "/v1internal";
        this.envelope = BenchUpstream.ENVELOPE.getBytes(StandardCharsets.UTF_8);
        this.helidon = useHelidon ? io.helidon.webclient.http1.Http1Client.builder()
                .connectTimeout(Duration.ofSeconds(10))
                .socketOptions(o -> o.tcpNoDelay(true))
                .build() : null;
        this.compatUrl = upstream.toString().replaceAll("/+$", "") + "/v1/chat/completions";
        this.compat = useHelidon ? helidon : io.helidon.webclient.http1.Http1Client.builder()
                .connectTimeout(Duration.ofSeconds(10))
                .socketOptions(o -> o.tcpNoDelay(true))
                .build();
        this.leanIdle = lean ? new java.util.concurrent.ConcurrentLinkedDeque<>() : null;
        this.leanConnector = lean ? io.helidon.webclient.api.WebClient.builder().connectTimeout(Duration.ofSeconds(10))
                .socketOptions(o -> o.tcpNoDelay(true)).build() : null;
        this.leanKey = lean ? io.helidon.webclient.api.ConnectionKey.create("http", upstream.getHost(), upstream.getPort(),
                io.helidon.common.tls.Tls.builder().enabled(false).build(), leanConnector.prototype().dnsResolver(),
                leanConnector.prototype().dnsAddressLookup(), io.helidon.webclient.api.Proxy.noProxy()) : null;
        this.unary = HttpRequest.newBuilder(URI.create(base + ":generateContent")).headers(BenchUpstream.REQUEST_HEADERS)
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build();
        this.stream = HttpRequest.newBuilder(URI.create(base + ":streamGenerateContent?alt=sse"))
                .headers(BenchUpstream.REQUEST_HEADERS).POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build();
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: BenchRelay <port> <upstream base URL on loopback> [jdk|helidon|lean]");
            System.exit(2);
        }
        URI upstream = URI.create(args[1]);
        // Not LoadGenerator.requireLoopback: loading that class starts its 15-minute watchdog.
        try {
            if (upstream.getHost() == null || !InetAddress.getByName(upstream.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException(upstream + " is not a loopback address");
            }
        } catch (java.net.UnknownHostException | IllegalArgumentException e) {
            System.err.println("BenchRelay: " + e.getMessage());
            System.exit(2);
        }
        String client = args.length == 3 ? args[2] : "jdk";
        // Built once the server listens, as Nexus builds its upstream client: a request that comes first waits for it.
        CompletableFuture<BenchRelay> relay = new CompletableFuture<>();
        HttpRouting.Builder routing = HttpRouting.builder()
                .post("/v1/chat/completions", (req, res) -> relay.join().chat(req, res))
                .post("/compat/v1/chat/completions", (req, res) -> relay.join().compat(req, res))
                .get("/healthz", (req, res) -> res.send(HEALTHY));
        // As NexusServer configures its server.
        WebServer server = WebServer.builder()
                .host(InetAddress.getLoopbackAddress().getHostAddress())
                .port(Integer.parseInt(args[0]))
                .connectionOptions(o -> o.tcpNoDelay(true))
                .shutdownHook(false)
                .routing(routing)
                .build()
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "bench-relay-stop"));
        System.out.println("BENCH_RELAY_PORT=" + server.port());
        System.out.flush();
        try {
            relay.complete(new BenchRelay(upstream, client.equals("helidon") || client.equals("lean"), client.equals("lean")));
        } catch (RuntimeException e) {
            // The requests waiting for the clients would wait for ever: end the run instead.
            System.err.println("BenchRelay: could not build the upstream clients: " + e);
            System.exit(1);
        }
        stopped.await();
    }

    private void chat(ServerRequest req, ServerResponse res) throws Exception {
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readAllBytes();
        }
        if (streamRequested(body)) {
            stream(res);
        } else {
            unary(res);
        }
    }

    private void unary(ServerResponse res) throws IOException, InterruptedException {
        byte[] b;
        int status;
        if (helidon != null) {
            var request = withHeaders(helidon.post(base + ":generateContent"));
            try (var up = request.submit(envelope)) {
                status = up.status().code();
                b = up.entity().as(byte[].class);
            }
        } else {
            HttpResponse<byte[]> up = http.send(unary, HttpResponse.BodyHandlers.ofByteArray());
            b = up.body();
            status = up.statusCode();
        }
        if (status != 200) {
            res.status(Status.BAD_GATEWAY_502).send();
            return;
        }
        int from = indexOf(b, 0, b.length, TEXT);
        int start = from < 0 ? 0 : from + TEXT.length;
        int end = from < 0 ? 0 : stringEnd(b, start, b.length);
        byte[] created = ascii(Long.toString(System.currentTimeMillis() / 1000));
        byte[] reply = new byte[COMPLETION_HEAD.length + created.length + COMPLETION_MODEL.length + (end - start)
                + COMPLETION_TAIL.length];
        int at = put(reply, 0, COMPLETION_HEAD, 0, COMPLETION_HEAD.length);
        at = put(reply, at, created, 0, created.length);
        at = put(reply, at, COMPLETION_MODEL, 0, COMPLETION_MODEL.length);
        at = put(reply, at, b, start, end);
        put(reply, at, COMPLETION_TAIL, 0, COMPLETION_TAIL.length);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(reply);
    }

    private void stream(ServerResponse res) throws Exception {
        InputStream body;
        int status;
        AutoCloseable response;
        if (helidon != null) {
            var request = withHeaders(helidon.post(base + ":streamGenerateContent").queryParam("alt", "sse"));
            var up = request.submit(envelope);
            status = up.status().code();
            body = up.inputStream();
            response = up;
        } else {
            HttpResponse<InputStream> up = http.send(stream, HttpResponse.BodyHandlers.ofInputStream());
            status = up.statusCode();
            body = up.body();
            response = body;
        }
        try (AutoCloseable exchange = response; InputStream in = body) {
            if (status != 200) {
                res.status(Status.BAD_GATEWAY_502).send();
                return;
            }
            res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            byte[] created = ascii(Long.toString(System.currentTimeMillis() / 1000));
            try (OutputStream out = res.outputStream()) {
                Lines lines = new Lines(in);
                boolean first = true;
                while (lines.next()) {
                    byte[] b = lines.buffer;
                    if (!startsWith(b, lines.start, lines.end, DATA)) {
                        continue;
                    }
                    int from = indexOf(b, lines.start, lines.end, TEXT);
                    int start = from < 0 ? lines.start : from + TEXT.length;
                    int end = from < 0 ? lines.start : stringEnd(b, start, lines.end);
                    boolean finished = indexOf(b, lines.start, lines.end, FINISH) >= 0;
                    out.write(CHUNK_HEAD);
                    out.write(created);
                    out.write(first ? CHUNK_FIRST : CHUNK_NEXT);
                    out.write(b, start, end - start);
                    out.write(finished ? CHUNK_STOP : CHUNK_OPEN);
                    out.flush();
                    first = false;
                }
                out.write(DONE);
            }
        }
    }

    /**
     * The OpenAI-compatible floor: the client's body goes unchanged to the upstream's {@code /v1/chat/completions} with
     * the headers Nexus sends there; a unary answer is relayed whole, a stream event by event ({@code data:} lines
     * written as they were, each flushed), as a gateway that relays events on arrival must.
     */
    private void compat(ServerRequest req, ServerResponse res) throws Exception {
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readAllBytes();
        }
        boolean streamed = streamRequested(body);
        var request = compat.post(compatUrl)
                .header(HeaderNames.AUTHORIZATION, "Bearer sk-bench-upstream")
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.ACCEPT, streamed ? "text/event-stream" : "application/json");
        if (leanIdle != null) {
            io.helidon.webclient.api.TcpClientConnection connection = leanIdle.pollFirst();
            if (connection == null) {
                connection = io.helidon.webclient.api.TcpClientConnection.create(leanConnector, leanKey, java.util.List.of("http/1.1"),
                        leanIdle::offerFirst, gone -> {}).connect();
            }
            request.connection(connection).readTimeout(Duration.ZERO);
        }
        try (var up = request.submit(body)) {
            if (up.status().code() != 200) {
                res.status(Status.BAD_GATEWAY_502).send();
                return;
            }
            if (!streamed) {
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.send(up.entity().as(byte[].class));
                return;
            }
            res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            try (InputStream in = up.inputStream(); OutputStream out = res.outputStream()) {
                Lines lines = new Lines(in);
                while (lines.next()) {
                    if (startsWith(lines.buffer, lines.start, lines.end, DATA)) {
                        out.write(lines.buffer, lines.start, lines.end - lines.start);
                        out.write(EVENT_END);
                        out.flush();
                    }
                }
            }
        }
    }

    /** The headers the direct scenarios send ({@link BenchUpstream#REQUEST_HEADERS}, name/value pairs). */
    private static io.helidon.webclient.http1.Http1ClientRequest withHeaders(io.helidon.webclient.http1.Http1ClientRequest request) {
        for (int i = 0; i < BenchUpstream.REQUEST_HEADERS.length; i += 2) {
            request.header(HeaderNames.create(BenchUpstream.REQUEST_HEADERS[i]), BenchUpstream.REQUEST_HEADERS[i + 1]);
        }
        return request;
    }

    /** Whether the request body has {@code "stream"} set to {@code true} (first occurrence; whitespace allowed). */
    static boolean streamRequested(byte[] body) {
        int at = indexOf(body, 0, body.length, STREAM);
        if (at < 0) {
            return false;
        }
        int i = at + STREAM.length;
        while (i < body.length && (body[i] == ' ' || body[i] == ':' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
            i++;
        }
        return i < body.length && body[i] == 't';
    }

    /** The index of the closing quote of a JSON string whose content starts at {@code from}, or {@code to}. */
    static int stringEnd(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\\') {
                i++;
            } else if (b[i] == '"') {
                return i;
            }
        }
        return to;
    }

    static int indexOf(byte[] b, int from, int to, byte[] needle) {
        for (int i = from; i + needle.length <= to; i++) {
            if (startsWith(b, i, to, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int put(byte[] into, int at, byte[] from, int start, int end) {
        System.arraycopy(from, start, into, at, end - start);
        return at + end - start;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Splits a stream into {@code \n}-terminated lines (without the terminator) in one growing buffer. */
    static final class Lines {
        private final InputStream in;
        byte[] buffer = new byte[4096];
        int start;
        int end;
        private int next;
        private int filled;

        Lines(InputStream in) {
            this.in = in;
        }

        /** Advances to the next line; false at the end of the stream (a last line without {@code \n} counts). */
        boolean next() throws IOException {
            int scan = next;
            while (true) {
                for (int i = scan; i < filled; i++) {
                    if (buffer[i] == '\n') {
                        start = next;
                        end = i > next && buffer[i - 1] == '\r' ? i - 1 : i;
                        next = i + 1;
                        return true;
                    }
                }
                if (next > 0) {
                    System.arraycopy(buffer, next, buffer, 0, filled - next);
                    filled -= next;
                    next = 0;
                }
                if (filled == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                scan = filled;
                int n = in.read(buffer, filled, buffer.length - filled);
                if (n < 0) {
                    if (filled > next) {
                        start = next;
                        end = filled;
                        next = filled;
                        return true;
                    }
                    return false;
                }
                filled += n;
            }
        }
    }
}
