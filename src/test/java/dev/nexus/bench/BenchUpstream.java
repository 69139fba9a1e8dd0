package dev.nexus.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A deliberately minimal, fast stand-in for Google on loopback, for the latency benchmark ({@code bench/}). It answers
 * the OAuth token refresh and the Cloud Code calls Nexus makes with fixed, pre-encoded bodies and does nothing else:
 * no request is parsed beyond its path, recorded or checked, so its cost per request is the same whether the
 * load generator calls it directly or through Nexus.
 *
 * <p>Not a test double for behaviour (that is {@code dev.nexus.fake.FakeGoogle}); this one exists to be cheap.
 *
 * <p>It also answers {@code POST /v1/chat/completions} as an OpenAI-compatible provider would (unary, or an SSE stream
 * of a few chunks with a usage chunk when asked), for the OpenAI-compatible scenario ({@code bench/run-compat.sh}).
 *
 * <p>Usage: {@code BenchUpstream [port [events intervalMs]]} (0 or nothing picks a free port). Prints
 * {@code BENCH_UPSTREAM_PORT=<port>} on stdout once it listens, and runs until killed. By default a stream is three
 * events at once; with {@code events} and {@code intervalMs} it is that many events that far apart (the streaming
 * benchmark's slow streams).
 */
public final class BenchUpstream {
    static final String MODEL = "gemini-3-flash";
    static final String PROMPT = "Say hello";
    /**
     * What Nexus sends upstream for {@link #PROMPT} (captured from a real exchange), with a fixed request id. The load
     * generator's direct scenarios and {@code BenchRelay} send exactly this, with {@link #REQUEST_HEADERS}.
     */
    static final String ENVELOPE = "{\"project\":\"bench-project\",\"requestId\":\"agent-00000000-0000-4000-8000-"
            + "000000000000\",\"model\":\"" + MODEL + "\",\"userAgent\":\"antigravity\",\"requestType\":\"agent\",\"request\":"
            + "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + PROMPT + "\"}]}],\"sessionId\":\"-7897446475468126009\"}}";
    /** The headers Nexus sends upstream (name, value, name, value, …), as {@code HttpRequest.Builder.headers} takes them. */
    static final String[] REQUEST_HEADERS = {
        "Authorization", "Bearer ya29.bench",
        "Content-Type", "application/json",
        "User-Agent", "antigravity/1.15.8 windows/amd64",
        "X-Goog-Api-Client", "google-cloud-sdk vscode_cloudshelleditor/0.1",
        "Client-Metadata", "{\"ideType\":\"IDE_UNSPECIFIED\",\"platform\":\"PLATFORM_UNSPECIFIED\",\"pluginType\":\"GEMINI\"}",
    };

    private static final byte[] TOKEN = bytes("{\"access_token\":\"ya29.bench\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
    private static final byte[] UNARY = bytes("{\"response\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":"
            + "[{\"text\":\"Hello\"}]},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":4,"
            + "\"candidatesTokenCount\":1,\"totalTokenCount\":5},\"modelVersion\":\"" + MODEL + "\",\"responseId\":\"r\"},"
            + "\"traceId\":\"t\"}");
    /** Three events, each a complete envelope; the last carries finishReason and the final usage. */
    private static final byte[][] EVENTS = {
        event("\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"He\"}]}}],"
                + "\"usageMetadata\":{\"promptTokenCount\":4,\"totalTokenCount\":4}"),
        event("\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"ll\"}]}}],"
                + "\"usageMetadata\":{\"promptTokenCount\":4,\"totalTokenCount\":4}"),
        event("\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"o\"}]},\"finishReason\":\"STOP\"}],"
                + "\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":1,\"totalTokenCount\":5}"),
    };
    private static final byte[] LOAD_CODE_ASSIST = bytes("{\"currentTier\":{\"id\":\"standard-tier\",\"name\":\"Bench\"},"
            + "\"allowedTiers\":[{\"id\":\"standard-tier\",\"isDefault\":true}],\"cloudaicompanionProject\":\"bench-project\"}");
    private static final byte[] MODELS = bytes("{\"models\":{\"" + MODEL + "\":{\"displayName\":\"Gemini 3 Flash\","
            + "\"quotaInfo\":{\"remainingFraction\":1.0,\"resetTime\":\"2099-01-01T00:00:00Z\"}}}}");
    /** The OpenAI-compatible scenario ({@code bench/run-compat.sh}): the model the fake names in its answers. */
    static final String COMPAT_MODEL = "bench-model";
    private static final byte[] COMPAT_UNARY = bytes("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\","
            + "\"created\":1700000000,\"model\":\"" + COMPAT_MODEL + "\",\"choices\":[{\"index\":0,\"message\":"
            + "{\"role\":\"assistant\",\"content\":\"Hello\"},\"finish_reason\":\"stop\"}],\"usage\":"
            + "{\"prompt_tokens\":4,\"completion_tokens\":1,\"total_tokens\":5}}");
    /** A Chat Completions stream: the role, three pieces of text (the last with finish_reason), then {@code [DONE]}. */
    private static final byte[][] COMPAT_EVENTS = {
        compatChunk("{\"role\":\"assistant\",\"content\":\"\"}", "null"),
        compatChunk("{\"content\":\"He\"}", "null"),
        compatChunk("{\"content\":\"ll\"}", "null"),
        compatChunk("{\"content\":\"o\"}", "\"stop\""),
        bytes("data: [DONE]\n\n"),
    };
    /** The same stream with the usage chunk OpenAI sends before {@code [DONE]} when {@code stream_options.include_usage}. */
    private static final byte[][] COMPAT_EVENTS_WITH_USAGE = {
        COMPAT_EVENTS[0], COMPAT_EVENTS[1], COMPAT_EVENTS[2], COMPAT_EVENTS[3],
        bytes("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"" + COMPAT_MODEL + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":4,"
                + "\"completion_tokens\":1,\"total_tokens\":5}}\n\n"),
        COMPAT_EVENTS[4],
    };
    private static final byte[] STREAM_TRUE = bytes("\"stream\":true");
    private static final byte[] INCLUDE_USAGE = bytes("\"include_usage\":true");
    private static final byte[] NOT_FOUND = bytes("{\"error\":{\"code\":404,\"message\":\"not in the bench upstream\",\"status\":\"NOT_FOUND\"}}");
    private static final byte[] NOT_ALLOWED = bytes("{\"error\":{\"code\":405,\"message\":\"POST only\",\"status\":\"INVALID_ARGUMENT\"}}");

    /** The stream's events (the three above unless the command line asks for slow streams) and the pause between them. */
    private final byte[][] streamEvents;
    private final long intervalMs;

    private BenchUpstream(byte[][] streamEvents, long intervalMs) {
        this.streamEvents = streamEvents;
        this.intervalMs = intervalMs;
    }

    /** {@code count} events: text pieces, the last one with finishReason and the final usage; at least two. */
    static byte[][] slowEvents(int count) {
        byte[][] events = new byte[Math.max(2, count)][];
        for (int i = 0; i < events.length - 1; i++) {
            events[i] = event("\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"word" + i + " \"}]}}],"
                    + "\"usageMetadata\":{\"promptTokenCount\":4,\"totalTokenCount\":4}");
        }
        events[events.length - 1] = EVENTS[EVENTS.length - 1];
        return events;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        // Without TCP_NODELAY each flushed SSE event can wait for the peer's delayed ACK; must be set before the
        // server's configuration is first read.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        BenchUpstream upstream = args.length > 2
                ? new BenchUpstream(slowEvents(Integer.parseInt(args[1])), Long.parseLong(args[2]))
                : new BenchUpstream(EVENTS, 0);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(executor);
        server.createContext("/", upstream::handle);
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            executor.shutdownNow();
            stopped.countDown();
        }, "bench-upstream-stop"));
        System.out.println("BENCH_UPSTREAM_PORT=" + server.getAddress().getPort());
        System.out.flush();
        stopped.await();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getRawPath().equals("/v1/chat/completions")
                    && exchange.getRequestMethod().equals("POST")) {
                chatCompletions(exchange);
                return;
            }
            drain(exchange.getRequestBody());
            if (!exchange.getRequestMethod().equals("POST")) {
                json(exchange, 405, NOT_ALLOWED);
                return;
            }
            switch (exchange.getRequestURI().getRawPath()) {
                case "/token" -> json(exchange, 200, TOKEN);
                case "/v1internal:generateContent" -> json(exchange, 200, UNARY);
                case "/v1internal:streamGenerateContent" -> sse(exchange);
                case "/v1internal:loadCodeAssist" -> json(exchange, 200, LOAD_CODE_ASSIST);
                case "/v1internal:fetchAvailableModels" -> json(exchange, 200, MODELS);
                default -> json(exchange, 404, NOT_FOUND);
            }
        }
    }

    /**
     * An OpenAI-compatible upstream's {@code POST /v1/chat/completions}: the body is only searched for
     * {@code "stream":true} and {@code "include_usage":true} (as the load generator writes them, without spaces); the
     * answer is pre-encoded.
     */
    private void chatCompletions(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (!contains(body, STREAM_TRUE)) {
            json(exchange, 200, COMPAT_UNARY);
            return;
        }
        byte[][] events = contains(body, INCLUDE_USAGE) ? COMPAT_EVENTS_WITH_USAGE : COMPAT_EVENTS;
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0); // chunked
        try (OutputStream out = exchange.getResponseBody()) {
            for (byte[] event : events) {
                out.write(event);
                out.flush();
            }
        }
    }

    private static boolean contains(byte[] b, byte[] needle) {
        return BenchRelay.indexOf(b, 0, b.length, needle) >= 0;
    }

    /** One Chat Completions chunk event with this {@code delta} and {@code finish_reason} (JSON text). */
    private static byte[] compatChunk(String delta, String finishReason) {
        return bytes("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"" + COMPAT_MODEL + "\",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"finish_reason\":" + finishReason + "}]}\n\n");
    }

    /** Reads and discards the request body so the connection can carry the next request. */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[2048];
        while (in.read(buffer) >= 0) {
            // discard
        }
        in.close();
    }

    private static void json(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void sse(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0); // chunked
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < streamEvents.length; i++) {
                if (i > 0 && intervalMs > 0) {
                    try {
                        Thread.sleep(intervalMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                out.write(streamEvents[i]);
                out.flush();
            }
        }
    }

    /** One SSE event: {@code data: <envelope>} and a blank line; {@code fields} are the members of the inner response. */
    private static byte[] event(String fields) {
        return bytes("data: {\"response\":{" + fields + ",\"modelVersion\":\"" + MODEL
                + "\",\"responseId\":\"r\"},\"traceId\":\"t\"}\n\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
