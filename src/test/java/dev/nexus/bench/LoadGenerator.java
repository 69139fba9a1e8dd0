package dev.nexus.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Closed-loop load generator for the latency benchmark ({@code bench/run-latency.sh}). N clients (virtual threads, one
 * shared HTTP/1.1 {@link HttpClient}) each send requests back to back, and the same run measures four scenarios, or six
 * with {@code --relay}:
 *
 * <ol>
 *   <li>(a) {@code direct} — non-stream {@code POST {upstream}/v1internal:generateContent}, the envelope Nexus would send;</li>
 *   <li>(e) {@code relay} — the chat request below sent to {@link BenchRelay}, the floor (only with {@code --relay});</li>
 *   <li>(b) {@code nexus} — non-stream {@code POST {nexus}/v1/chat/completions} for the same model and message;</li>
 *   <li>(c) {@code direct-stream} — time to the first SSE {@code data:} line of {@code :streamGenerateContent?alt=sse};</li>
 *   <li>(f) {@code relay-stream} — the stream request below sent to {@link BenchRelay} (only with {@code --relay});</li>
 *   <li>(d) {@code nexus-stream} — time to the first {@code data:} line of the Chat Completions stream that carries content.</li>
 * </ol>
 *
 * <p>Every scenario first runs a warm-up (discarded). The measured time is then cut into rounds; each round runs every
 * scenario once for an equal slice, in the order above and then reversed (ABBA), so that drift in machine speed during
 * the run falls on both sides of each comparison. Latencies are kept per client thread in preallocated arrays
 * (nothing shared is touched on the request path), merged and sorted at the end. The run is bounded by time and by a
 * total request count per scenario, and only talks to loopback addresses.
 *
 * <p>Prints a Markdown report on stdout; progress goes to stderr.
 */
public final class LoadGenerator {
    private static final String MODEL = BenchUpstream.MODEL;
    private static final String PROMPT = BenchUpstream.PROMPT;
    private static final String ENVELOPE = BenchUpstream.ENVELOPE;
    private static final String CHAT = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
    private static final String CHAT_STREAM = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + PROMPT + "\"}],\"stream\":true}";
    /** The OpenAI-compatible scenario ({@code --scenario compat}): the client's model, routed to the catalog provider. */
    static final String COMPAT_CLIENT_MODEL = "bench-chat";
    private static final String COMPAT_CHAT = "{\"model\":\"" + COMPAT_CLIENT_MODEL + "\",\"messages\":[{\"role\":"
            + "\"user\",\"content\":\"" + PROMPT + "\"}]}";
    private static final String COMPAT_CHAT_STREAM = "{\"model\":\"" + COMPAT_CLIENT_MODEL + "\",\"messages\":[{\"role\":"
            + "\"user\",\"content\":\"" + PROMPT + "\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
    /** Chunks in the fake's compat stream with usage (role, three pieces, usage), {@code [DONE]} not counted. */
    static final int COMPAT_CHUNKS = 5;
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT = "\"content\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private LoadGenerator() {}

    /** How a scenario decides that the answer has arrived. */
    enum Until {
        /** the whole body has been read */
        BODY,
        /** the first {@code data:} line */
        FIRST_DATA,
        /** the first {@code data:} line with a non-empty {@code "content":"…"} */
        FIRST_CONTENT
    }

    /** {@code expect}: what the preflight's answer must contain. */
    record Scenario(String name, String label, HttpRequest request, Until until, String expect) {}

    record Options(URI upstream, URI nexus, URI relay, String key, int clients, double warmupSeconds,
            double measureSeconds, int rounds, int maxRequests, long upstreamPid, long nexusPid, long relayPid,
            int clockTicks, double rate, boolean compat, String limitedKey) {

        static Options parse(String[] args) {
            Map<String, String> given = new java.util.HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
                }
                given.put(args[i].substring(2), args[++i]);
            }
            List<String> known = List.of("upstream", "nexus", "relay", "key", "clients", "warmup", "measure", "rounds",
                    "max-requests", "upstream-pid", "nexus-pid", "relay-pid", "clock-ticks", "rate", "scenario",
                    "limited-key");
            for (String name : given.keySet()) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            for (String required : List.of("upstream", "nexus", "key")) {
                if (!given.containsKey(required)) {
                    throw new IllegalArgumentException("missing --" + required);
                }
            }
            Options o = new Options(URI.create(given.get("upstream")), URI.create(given.get("nexus")),
                    given.containsKey("relay") ? URI.create(given.get("relay")) : null, given.get("key"),
                    Integer.parseInt(given.getOrDefault("clients", "32")),
                    Double.parseDouble(given.getOrDefault("warmup", "12")),
                    Double.parseDouble(given.getOrDefault("measure", "12")),
                    Integer.parseInt(given.getOrDefault("rounds", "4")),
                    Integer.parseInt(given.getOrDefault("max-requests", "3000000")),
                    Long.parseLong(given.getOrDefault("upstream-pid", "0")),
                    Long.parseLong(given.getOrDefault("nexus-pid", "0")),
                    Long.parseLong(given.getOrDefault("relay-pid", "0")),
                    Integer.parseInt(given.getOrDefault("clock-ticks", "100")),
                    Double.parseDouble(given.getOrDefault("rate", "0")),
                    switch (given.getOrDefault("scenario", "gemini")) {
                        case "gemini" -> false;
                        case "compat", "keys" -> true;
                        default -> throw new IllegalArgumentException("--scenario is gemini, compat or keys");
                    },
                    given.get("limited-key"));
            if (given.getOrDefault("scenario", "gemini").equals("keys") != (o.limitedKey() != null)) {
                throw new IllegalArgumentException("--scenario keys and --limited-key go together");
            }
            if (o.clients < 1 || o.clients > 1024 || o.rounds < 1 || o.warmupSeconds < 0 || o.measureSeconds <= 0
                    || o.measureSeconds > 600 || o.warmupSeconds > 600 || o.maxRequests < o.clients) {
                throw new IllegalArgumentException("out of range: clients 1..1024, rounds >= 1, warmup 0..600 s,"
                        + " measure (0, 600] s, max-requests >= clients");
            }
            return o;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
            requireLoopback(options.upstream());
            requireLoopback(options.nexus());
            if (options.relay() != null) {
                requireLoopback(options.relay());
            }
        } catch (IllegalArgumentException e) {
            System.err.println("LoadGenerator: " + e.getMessage());
            System.err.println("usage: LoadGenerator --upstream http://127.0.0.1:P --nexus http://127.0.0.1:Q --key K"
                    + " [--relay http://127.0.0.1:R] [--clients 32] [--warmup 12] [--measure 12] [--rounds 4]"
                    + " [--max-requests 3000000] [--rate 0] [--scenario gemini|compat|keys --limited-key K2]"
                    + " [--upstream-pid PID --nexus-pid PID [--relay-pid PID] [--clock-ticks 100]]");
            System.exit(2);
            return;
        }
        ExecutorService httpExecutor = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(httpExecutor).build();
        List<Scenario> scenarios = scenarios(options);
        try {
            for (Scenario s : scenarios) {
                preflight(client, s);
            }
        } catch (IOException | IllegalStateException e) {
            System.err.println("LoadGenerator: " + e.getMessage());
            System.exit(1);
        }
        Bench bench = new Bench(client, scenarios, options);
        bench.run();
        bench.report(System.out);
        client.close();
        httpExecutor.shutdownNow();
        System.exit(bench.failed() ? 1 : 0);
    }

    static void requireLoopback(URI uri) {
        try {
            if (uri.getHost() == null || !InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException(uri + " is not a loopback address: this benchmark only talks to 127.0.0.0/8 or ::1");
            }
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve " + uri.getHost());
        }
    }

    /** The scenarios in run order: each baseline, then the floor relay (if any), then Nexus. */
    static List<Scenario> scenarios(Options o) {
        if (o.limitedKey() != null) {
            return keyScenarios(o);
        }
        if (o.compat()) {
            return compatScenarios(o);
        }
        String base = o.upstream().toString().replaceAll("/+$", "") + "/v1internal";
        URI chat = URI.create(o.nexus().toString().replaceAll("/+$", "") + "/v1/chat/completions");
        URI relay = o.relay() == null ? null : URI.create(o.relay().toString().replaceAll("/+$", "") + "/v1/chat/completions");
        List<Scenario> all = new ArrayList<>();
        all.add(new Scenario("direct", "(a) direct, non-stream", upstream(URI.create(base + ":generateContent")), Until.BODY, "\"text\":\"Hello\""));
        if (relay != null) {
            // The very request Nexus gets (key header included, the relay ignores it), so the client's cost is alike.
            all.add(new Scenario("relay", "(e) via floor relay, non-stream", nexus(relay, o.key(), CHAT), Until.BODY, "\"content\":\"Hello\""));
        }
        all.add(new Scenario("nexus", "(b) via Nexus, non-stream", nexus(chat, o.key(), CHAT), Until.BODY, "\"content\":\"Hello\""));
        all.add(new Scenario("direct-stream", "(c) direct, stream TTFB",
                upstream(URI.create(base + ":streamGenerateContent?alt=sse")), Until.FIRST_DATA, "data: {\"response\""));
        if (relay != null) {
            all.add(new Scenario("relay-stream", "(f) via floor relay, stream TTFB", nexus(relay, o.key(), CHAT_STREAM),
                    Until.FIRST_CONTENT, "\"content\":\"He\""));
        }
        all.add(new Scenario("nexus-stream", "(d) via Nexus, stream TTFB", nexus(chat, o.key(), CHAT_STREAM), Until.FIRST_CONTENT,
                "\"content\":\"He\""));
        return List.copyOf(all);
    }

    /**
     * The OpenAI-compatible scenario: the same Chat Completions body straight to the fake's {@code /v1/chat/completions},
     * through the floor relay's {@code /compat} route and through Nexus (routed to the catalog provider {@code bench});
     * streams are timed to their end (the fake sends every chunk at once, so that is also about the time to first byte).
     */
    private static List<Scenario> compatScenarios(Options o) {
        URI direct = URI.create(o.upstream().toString().replaceAll("/+$", "") + "/v1/chat/completions");
        URI chat = URI.create(o.nexus().toString().replaceAll("/+$", "") + "/v1/chat/completions");
        URI relay = o.relay() == null ? null : URI.create(o.relay().toString().replaceAll("/+$", "") + "/compat/v1/chat/completions");
        String unary = "\"content\":\"Hello\"";
        String stream = "\"total_tokens\":5}}";
        List<Scenario> all = new ArrayList<>();
        all.add(new Scenario("direct", "(a) direct, non-stream", nexus(direct, "sk-bench-upstream", COMPAT_CHAT), Until.BODY, unary));
        if (relay != null) {
            all.add(new Scenario("relay", "(e) via floor relay, non-stream", nexus(relay, o.key(), COMPAT_CHAT), Until.BODY, unary));
        }
        all.add(new Scenario("nexus", "(b) via Nexus, non-stream", nexus(chat, o.key(), COMPAT_CHAT), Until.BODY, unary));
        all.add(new Scenario("direct-stream", "(c) direct, stream", nexus(direct, "sk-bench-upstream", COMPAT_CHAT_STREAM),
                Until.BODY, stream));
        if (relay != null) {
            all.add(new Scenario("relay-stream", "(f) via floor relay, stream", nexus(relay, o.key(), COMPAT_CHAT_STREAM),
                    Until.BODY, stream));
        }
        all.add(new Scenario("nexus-stream", "(d) via Nexus, stream", nexus(chat, o.key(), COMPAT_CHAT_STREAM), Until.BODY, stream));
        return List.copyOf(all);
    }

    /**
     * The client-key A/B (issue 17 §4): the compat non-stream request through the same Nexus, once with an unlimited key
     * ({@code --key}) and once with a key that has every limit set ({@code --limited-key}); the ABBA rounds alternate them.
     */
    private static List<Scenario> keyScenarios(Options o) {
        URI chat = URI.create(o.nexus().toString().replaceAll("/+$", "") + "/v1/chat/completions");
        String unary = "\"content\":\"Hello\"";
        return List.of(
                new Scenario("nexus", "Nexus, unlimited key", nexus(chat, o.key(), COMPAT_CHAT), Until.BODY, unary),
                new Scenario("nexus-limited", "Nexus, every limit set", nexus(chat, o.limitedKey(), COMPAT_CHAT),
                        Until.BODY, unary));
    }

    /** The request Nexus itself sends upstream: same headers, same envelope size. */
    private static HttpRequest upstream(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).headers(BenchUpstream.REQUEST_HEADERS)
                .POST(HttpRequest.BodyPublishers.ofString(ENVELOPE)).build();
    }

    private static HttpRequest nexus(URI uri, String key, String body) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** One request per scenario before anything is timed: the answers must be the fake's "Hello", or the run is void. */
    static void preflight(HttpClient client, Scenario s) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(s.request(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        String text = s.expect();
        if (response.statusCode() != 200 || !body.contains(text)) {
            throw new IllegalStateException("preflight of " + s.name() + " (" + s.request().uri() + ") failed: HTTP "
                    + response.statusCode() + ", expected a body containing " + text + ", got: "
                    + body.substring(0, Math.min(400, body.length())));
        }
    }

    /**
     * Sends one request and returns the latency in nanoseconds, or -1 for a failure (non-200, or no matching line).
     * The clock starts right before {@code send} and stops when the awaited bytes have been read; for streams the rest
     * of the body is then drained (untimed) so the connection returns to the pool.
     */
    static long once(HttpClient client, Scenario s, byte[] buffer) {
        long start = System.nanoTime();
        try {
            if (s.until() == Until.BODY) {
                HttpResponse<byte[]> response = client.send(s.request(), HttpResponse.BodyHandlers.ofByteArray());
                long end = System.nanoTime();
                return response.statusCode() == 200 && response.body().length > 0 ? end - start : -1;
            }
            HttpResponse<InputStream> response = client.send(s.request(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    drain(in, buffer);
                    return -1;
                }
                long end = awaitLine(in, buffer, s.until() == Until.FIRST_CONTENT) ? System.nanoTime() : -1;
                drain(in, buffer);
                return end < 0 ? -1 : end - start;
            }
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Reads until a complete line starting with {@code data:} (and, if asked, holding non-empty content) has arrived.
     * Lines may span reads; a line longer than the buffer is judged on its first {@code buffer.length} bytes.
     */
    static boolean awaitLine(InputStream in, byte[] buffer, boolean needContent) throws IOException {
        int filled = 0;
        int lineStart = 0;
        boolean skipping = false;
        while (true) {
            if (filled == buffer.length) {
                if (lineStart == 0) {
                    if (!skipping && matches(buffer, 0, filled, needContent)) {
                        return true;
                    }
                    skipping = true;
                    filled = 0;
                } else {
                    System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
                    filled -= lineStart;
                    lineStart = 0;
                }
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                return false;
            }
            int scanFrom = filled;
            filled += n;
            for (int i = scanFrom; i < filled; i++) {
                if (buffer[i] == '\n') {
                    if (!skipping && matches(buffer, lineStart, i, needContent)) {
                        return true;
                    }
                    skipping = false;
                    lineStart = i + 1;
                }
            }
            if (lineStart == filled) {
                lineStart = 0;
                filled = 0;
            }
        }
    }

    private static boolean matches(byte[] b, int from, int to, boolean needContent) {
        if (!startsWith(b, from, to, DATA)) {
            return false;
        }
        if (!needContent) {
            return true;
        }
        for (int i = from; i + CONTENT.length < to; i++) {
            if (startsWith(b, i, to, CONTENT)) {
                return b[i + CONTENT.length] != '"';
            }
        }
        return false;
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

    private static void drain(InputStream in, byte[] buffer) throws IOException {
        while (in.read(buffer) >= 0) {
            // discard
        }
    }

    /** Runs warm-up and measured rounds and keeps the results. */
    static final class Bench {
        private final HttpClient client;
        private final List<Scenario> scenarios;
        private final Options options;
        /** [scenario][client] → latencies in ns; filled up to count[scenario][client]. */
        private final long[][][] latencies;
        private final int[][] counts;
        private final long[] errors;
        private final long[] measuredNanos;
        /** [scenario][process] → CPU ticks the process used during the scenario's measured slices. */
        private final long[][] cpuTicks;
        private final CpuMeter cpu;
        /** [scenario][round] → p50 of that round's slice, to show drift. */
        private final long[][] roundP50;
        /** [scenario][round] → CPU ticks of the scenario's own gateway (Nexus or the floor) in that round's slice. */
        private final long[][] roundGatewayTicks;
        /** [scenario][round] → requests completed in that round's slice. */
        private final long[][] roundRequests;
        /** The 1-minute load average after each measured round. */
        private final double[] loadDuring;
        private final int perClientCap;
        private boolean capped;
        private Instant started;
        private double loadBefore;
        private double loadAfter;

        Bench(HttpClient client, List<Scenario> scenarios, Options options) {
            this.client = client;
            this.scenarios = scenarios;
            this.options = options;
            this.perClientCap = Math.max(1, options.maxRequests() / options.clients());
            int n = scenarios.size();
            this.latencies = new long[n][options.clients()][];
            this.counts = new int[n][options.clients()];
            this.errors = new long[n];
            this.measuredNanos = new long[n];
            this.roundP50 = new long[n][options.rounds()];
            this.roundGatewayTicks = new long[n][options.rounds()];
            this.roundRequests = new long[n][options.rounds()];
            this.loadDuring = new double[options.rounds()];
            this.cpu = new CpuMeter(ProcessHandle.current().pid(), options.upstreamPid(), options.nexusPid(),
                    options.relayPid());
            this.cpuTicks = new long[n][CpuMeter.PROCESSES];
        }

        void run() throws InterruptedException {
            started = Instant.now();
            loadBefore = loadAverage();
            for (int s = 0; s < scenarios.size(); s++) {
                for (int c = 0; c < options.clients(); c++) {
                    latencies[s][c] = new long[perClientCap];
                }
            }
            long warmup = seconds(options.warmupSeconds());
            if (warmup > 0) {
                long[][] scratch = new long[options.clients()][perClientCap];
                for (Scenario s : scenarios) {
                    progress("warm-up %s for %.1f s", s.name(), options.warmupSeconds());
                    Result r = slice(s, warmup, scratch, new int[options.clients()]);
                    progress("warm-up %s: %d ok, %d errors", s.name(), r.ok(), r.errors());
                }
                capped = false;
            }
            long slice = seconds(options.measureSeconds() / options.rounds());
            for (int round = 0; round < options.rounds(); round++) {
                List<Integer> order = new ArrayList<>();
                for (int s = 0; s < scenarios.size(); s++) {
                    order.add(s);
                }
                if (round % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (int s : order) {
                    int[] before = counts[s].clone();
                    long[] cpuBefore = cpu.ticks();
                    Result r = slice(scenarios.get(s), slice, latencies[s], counts[s]);
                    long[] cpuAfter = cpu.ticks();
                    for (int p = 0; p < CpuMeter.PROCESSES; p++) {
                        cpuTicks[s][p] += cpuAfter[p] - cpuBefore[p];
                    }
                    errors[s] += r.errors();
                    measuredNanos[s] += r.elapsedNanos();
                    roundP50[s][round] = percentile(collect(latencies[s], before, counts[s]), 0.50);
                    roundRequests[s][round] = r.ok();
                    int gateway = gatewayProcess(s);
                    roundGatewayTicks[s][round] = gateway < 0 ? 0 : cpuAfter[gateway] - cpuBefore[gateway];
                    progress("round %d/%d %-13s %7d ok %5d errors  p50 %.3f ms", round + 1, options.rounds(),
                            scenarios.get(s).name(), r.ok(), r.errors(), roundP50[s][round] / 1e6);
                }
                loadDuring[round] = loadAverage();
            }
            loadAfter = loadAverage();
        }

        record Result(long ok, long errors, long elapsedNanos) {}

        /** The {@link CpuMeter} index of the gateway a scenario goes through (2 Nexus, 3 the floor), or -1 for direct. */
        private int gatewayProcess(int s) {
            String name = scenarios.get(s).name();
            return name.startsWith("nexus") ? 2 : name.startsWith("relay") ? 3 : -1;
        }

        /** All clients run the scenario for {@code nanos}; each keeps its own latencies. */
        private Result slice(Scenario s, long nanos, long[][] into, int[] counts) throws InterruptedException {
            int clients = options.clients();
            CountDownLatch ready = new CountDownLatch(clients);
            CountDownLatch go = new CountDownLatch(1);
            long[] okByClient = new long[clients];
            long[] errorsByClient = new long[clients];
            long[] deadline = new long[1];
            List<Thread> threads = new ArrayList<>(clients);
            for (int c = 0; c < clients; c++) {
                int me = c;
                threads.add(Thread.ofVirtual().name("client-" + c).start(() -> {
                    byte[] buffer = new byte[8192];
                    long[] mine = into[me];
                    int n = counts[me];
                    long ok = 0;
                    long bad = 0;
                    ready.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long end = deadline[0];
                    // Paced mode (--rate R): the clients together start R requests a second on a fixed schedule,
                    // staggered, instead of back to back; latency is then measured below saturation.
                    long interval = options.rate() > 0 ? (long) (1e9 * clients / options.rate()) : 0;
                    long next = end - nanos + (interval * me) / clients;
                    while (System.nanoTime() < end && n < mine.length) {
                        if (interval > 0) {
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                            next += interval;
                            if (System.nanoTime() >= end) {
                                break;
                            }
                        }
                        long latency = once(client, s, buffer);
                        if (latency >= 0) {
                            mine[n++] = latency;
                            ok++;
                        } else {
                            bad++;
                        }
                    }
                    counts[me] = n;
                    okByClient[me] = ok;
                    errorsByClient[me] = bad;
                }));
            }
            ready.await();
            long begin = System.nanoTime();
            deadline[0] = begin + nanos;
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            long elapsed = System.nanoTime() - begin;
            long ok = 0;
            long bad = 0;
            for (int c = 0; c < clients; c++) {
                ok += okByClient[c];
                bad += errorsByClient[c];
                if (counts[c] >= into[c].length) {
                    capped = true;
                }
            }
            return new Result(ok, bad, elapsed);
        }

        boolean failed() {
            for (int s = 0; s < scenarios.size(); s++) {
                long ok = total(s);
                if (ok == 0 || errors[s] * 100 > ok) {
                    return true;
                }
            }
            return false;
        }

        private long total(int s) {
            long n = 0;
            for (int c : counts[s]) {
                n += c;
            }
            return n;
        }

        void report(PrintStream out) {
            long[][] sorted = new long[scenarios.size()][];
            for (int s = 0; s < scenarios.size(); s++) {
                sorted[s] = collect(latencies[s], new int[options.clients()], counts[s]);
            }
            if (options.limitedKey() != null) {
                keyReport(out, sorted);
                return;
            }
            out.println("### " + (options.compat() ? "OpenAI chat to an OpenAI-compatible upstream" : "Latency benchmark")
                    + ", " + options.clients() + " concurrent clients");
            out.println();
            out.printf(Locale.ROOT, "Started %s; Java %s (%s); %d CPU cores; %s; warm-up %.1f s per scenario;"
                            + " measured %.1f s per scenario in %d ABBA rounds; 1-minute load average %.2f before,"
                            + " %.2f after.%s%n",
                    started, System.getProperty("java.version"), System.getProperty("java.vm.name"),
                    Runtime.getRuntime().availableProcessors(),
                    options.rate() > 0 ? String.format(Locale.ROOT, "paced at %.0f requests/s in total", options.rate())
                            : "closed loop (back to back)",
                    options.warmupSeconds(), options.measureSeconds(),
                    options.rounds(), loadBefore, loadAfter,
                    capped ? " Some clients hit the request cap (--max-requests)." : "");
            out.println();
            out.println("| scenario | requests | errors | throughput (req/s) | p50 (ms) | p90 (ms) | p99 (ms) |");
            out.println("|---|---:|---:|---:|---:|---:|---:|");
            for (int s = 0; s < scenarios.size(); s++) {
                long[] v = sorted[s];
                out.printf(Locale.ROOT, "| %s | %d | %d | %.0f | %s | %s | %s |%n", scenarios.get(s).label(), v.length,
                        errors[s], v.length / (measuredNanos[s] / 1e9), ms(percentile(v, 0.50)), ms(percentile(v, 0.90)),
                        ms(percentile(v, 0.99)));
            }
            out.println();
            out.println("| comparison | baseline p50 | p50 | added p50 | ratio p50 | baseline p99 | p99 | added p99 | ratio p99 | added p50 ≤ 1 ms? |");
            out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            for (Comparison c : comparisons()) {
                compare(out, c, sorted[c.baseline()], sorted[c.measured()]);
            }
            out.println();
            if (index("relay") >= 0) {
                floorSummary(out, sorted);
            }
            if (cpu.available()) {
                cpuTable(out, sorted);
                if (index("relay") >= 0 && options.relayPid() > 0) {
                    gatewayCpu(out);
                }
            }
            out.println("Added p50 per round (drift check; each round's slices ran back to back, ABBA order):");
            out.println();
            StringBuilder head = new StringBuilder("| comparison |");
            StringBuilder rule = new StringBuilder("|---|");
            for (int r = 0; r < options.rounds(); r++) {
                head.append(" round ").append(r + 1).append(" |");
                rule.append("---:|");
            }
            out.println(head);
            out.println(rule);
            for (Comparison c : comparisons()) {
                roundRow(out, c);
            }
        }

        /** Nexus's CPU per request with each key, round by round, and the median of the rounds' limited/unlimited ratios. */
        private void keyReport(PrintStream out, long[][] sorted) {
            out.printf(Locale.ROOT, "### Client-key limits, %d concurrent clients, closed loop%n%n", options.clients());
            out.printf(Locale.ROOT, "Started %s; Java %s; %d CPU cores; warm-up %.1f s per key; measured %.1f s per key"
                            + " in %d ABBA rounds; 1-minute load average %.2f before, %.2f after.%n%n", started,
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    options.warmupSeconds(), options.measureSeconds(), options.rounds(), loadBefore, loadAfter);
            out.println("| key | requests | errors | p50 (ms) | p99 (ms) | Nexus CPU per request (µs) |");
            out.println("|---|---:|---:|---:|---:|---:|");
            double perTick = 1e6 / options.clockTicks();
            for (int s = 0; s < scenarios.size(); s++) {
                out.printf(Locale.ROOT, "| %s | %d | %d | %s | %s | %.1f |%n", scenarios.get(s).label(), sorted[s].length,
                        errors[s], ms(percentile(sorted[s], 0.50)), ms(percentile(sorted[s], 0.99)),
                        cpuTicks[s][2] * perTick / Math.max(1, sorted[s].length));
            }
            out.println();
            out.println("| round | unlimited (µs/req) | limited (µs/req) | limited ÷ unlimited | load average after |");
            out.println("|---|---:|---:|---:|---:|");
            double[] ratios = new double[options.rounds()];
            for (int r = 0; r < options.rounds(); r++) {
                double a = roundGatewayTicks[0][r] * perTick / Math.max(1, roundRequests[0][r]);
                double b = roundGatewayTicks[1][r] * perTick / Math.max(1, roundRequests[1][r]);
                ratios[r] = b / a;
                out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.3f | %.2f |%n", r + 1, a, b, ratios[r], loadDuring[r]);
            }
            java.util.Arrays.sort(ratios);
            int n = ratios.length;
            double median = n % 2 == 1 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
            out.printf(Locale.ROOT, "%nMedian of the rounds' ratios: %.3f (%+.1f %%).%n", median, (median - 1) * 100);
        }

        /** A measured scenario against its baseline, by index into {@link #scenarios}. */
        record Comparison(String name, int baseline, int measured, boolean target) {}

        /** Nexus and the floor over the direct calls (the target applies), and Nexus over the floor. */
        private List<Comparison> comparisons() {
            List<Comparison> all = new ArrayList<>();
            for (String[] kind : new String[][] {{"non-stream", "", "a", "e", "b"}, {streamKind(), "-stream", "c", "f", "d"}}) {
                int direct = index("direct" + kind[1]);
                int relay = index("relay" + kind[1]);
                int nexus = index("nexus" + kind[1]);
                all.add(new Comparison(kind[0] + ", Nexus (" + kind[4] + " − " + kind[2] + ")", direct, nexus, true));
                if (relay >= 0) {
                    all.add(new Comparison(kind[0] + ", floor (" + kind[3] + " − " + kind[2] + ")", direct, relay, true));
                    all.add(new Comparison(kind[0] + ", Nexus above floor (" + kind[4] + " − " + kind[3] + ")", relay,
                            nexus, false));
                }
            }
            return all;
        }

        /** What the stream scenarios time: the first content (Gemini scenario) or the whole stream (compat). */
        private String streamKind() {
            return options.compat() ? "stream" : "stream TTFB";
        }

        private int index(String name) {
            for (int s = 0; s < scenarios.size(); s++) {
                if (scenarios.get(s).name().equals(name)) {
                    return s;
                }
            }
            return -1;
        }

        /** The floor's added p50 next to Nexus's, and which share of Nexus's added p50 the floor already pays. */
        private void floorSummary(PrintStream out, long[][] sorted) {
            out.println("Added p50, floor relay against Nexus (ratio to the baseline in parentheses):");
            out.println();
            out.println("| | floor adds | Nexus adds | Nexus above the floor | floor's share of Nexus's added p50 |");
            out.println("|---|---:|---:|---:|---:|");
            for (String[] kind : new String[][] {{"non-stream", ""}, {streamKind(), "-stream"}}) {
                long direct = percentile(sorted[index("direct" + kind[1])], 0.50);
                long relay = percentile(sorted[index("relay" + kind[1])], 0.50);
                long nexus = percentile(sorted[index("nexus" + kind[1])], 0.50);
                out.printf(Locale.ROOT, "| %s | %s ms (%.2f×) | %s ms (%.2f×) | %s ms (%.2f×) | %.0f %% |%n", kind[0],
                        ms(relay - direct), (double) relay / direct, ms(nexus - direct), (double) nexus / direct,
                        ms(nexus - relay), (double) nexus / relay, 100.0 * (relay - direct) / (nexus - direct));
            }
            out.println();
        }

        private void cpuTable(PrintStream out, long[][] sorted) {
            boolean relay = options.relayPid() > 0;
            out.println("CPU time per request (user + system, from /proc; a gateway JVM idles in the scenarios that do"
                    + " not use it, its share there is its background work). \"Extra\" is all processes' CPU per request"
                    + " over the direct scenario of the same kind"
                    + (options.rate() > 0 ? "." : "; at saturation, clients × extra ÷ cores predicts the added latency"
                    + " (Little's law)."));
            out.println();
            out.println("| scenario | load generator (µs) | fake upstream (µs) | Nexus (µs) |"
                    + (relay ? " floor relay (µs) |" : "") + " all (µs) | extra (µs) |"
                    + (options.rate() > 0 ? "" : " predicted added (ms) |"));
            out.println("|---|---:|---:|---:|" + (relay ? "---:|" : "") + "---:|---:|" + (options.rate() > 0 ? "" : "---:|"));
            double perTick = 1e6 / options.clockTicks();
            int cores = Runtime.getRuntime().availableProcessors();
            for (int s = 0; s < scenarios.size(); s++) {
                double all = cpuPerRequest(s, sorted, perTick);
                int direct = index(scenarios.get(s).name().endsWith("-stream") ? "direct-stream" : "direct");
                double extra = all - cpuPerRequest(direct, sorted, perTick);
                long[] t = cpuTicks[s];
                double n = Math.max(1, sorted[s].length);
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |",
                        scenarios.get(s).label(), t[0] * perTick / n, t[1] * perTick / n, t[2] * perTick / n));
                if (relay) {
                    row.append(String.format(Locale.ROOT, " %.0f |", t[3] * perTick / n));
                }
                row.append(String.format(Locale.ROOT, " %.0f | %s |", all, s == direct ? "—" : String.format(Locale.ROOT, "%.0f", extra)));
                if (options.rate() <= 0) {
                    row.append(s == direct ? " — |"
                            : String.format(Locale.ROOT, " %.1f |", options.clients() * extra / cores / 1000));
                }
                out.println(row);
            }
            out.println();
        }

        /**
         * The target of the OpenAI-compatible scenario: the gateway process's CPU per request, Nexus against the floor,
         * over the whole measured phase and per round (each round's ratio from its own slices, which ran minutes apart
         * at most, so a change in the machine's load falls on both), and the 1-minute load average after each round.
         */
        private void gatewayCpu(PrintStream out) {
            double perTick = 1e6 / options.clockTicks();
            out.println("Gateway process CPU per request (user + system of the Nexus or floor relay JVM during its own"
                    + " slices)" + (options.compat() ? "; a stream is " + COMPAT_CHUNKS + " chunks and [DONE]." : "."));
            out.println();
            StringBuilder head = new StringBuilder("| kind | floor (µs) | Nexus (µs) | Nexus / floor |");
            StringBuilder rule = new StringBuilder("|---|---:|---:|---:|");
            if (options.compat()) {
                head.append(" floor per chunk (µs) | Nexus per chunk (µs) |");
                rule.append("---:|---:|");
            }
            for (int r = 0; r < options.rounds(); r++) {
                head.append(" round ").append(r + 1).append(" |");
                rule.append("---:|");
            }
            head.append(" median of rounds |");
            rule.append("---:|");
            out.println(head);
            out.println(rule);
            for (String[] kind : new String[][] {{"non-stream", ""}, {streamKind(), "-stream"}}) {
                int relay = index("relay" + kind[1]);
                int nexus = index("nexus" + kind[1]);
                double floorUs = perRequest(roundGatewayTicks[relay], roundRequests[relay]) * perTick;
                double nexusUs = perRequest(roundGatewayTicks[nexus], roundRequests[nexus]) * perTick;
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %.0f | %.0f | **%.2f×** |", kind[0],
                        floorUs, nexusUs, nexusUs / floorUs));
                if (options.compat()) {
                    double chunks = kind[1].isEmpty() ? 1 : COMPAT_CHUNKS;
                    row.append(kind[1].isEmpty() ? " — | — |"
                            : String.format(Locale.ROOT, " %.1f | %.1f |", floorUs / chunks, nexusUs / chunks));
                }
                double[] ratios = new double[options.rounds()];
                for (int r = 0; r < options.rounds(); r++) {
                    double f = (double) roundGatewayTicks[relay][r] / Math.max(1, roundRequests[relay][r]);
                    double n = (double) roundGatewayTicks[nexus][r] / Math.max(1, roundRequests[nexus][r]);
                    ratios[r] = f > 0 ? n / f : Double.NaN;
                    row.append(String.format(Locale.ROOT, " %.2f× |", ratios[r]));
                }
                double[] sortedRatios = ratios.clone();
                Arrays.sort(sortedRatios);
                int m = sortedRatios.length;
                double median = m % 2 == 1 ? sortedRatios[m / 2] : (sortedRatios[m / 2 - 1] + sortedRatios[m / 2]) / 2;
                row.append(String.format(Locale.ROOT, " %.2f× |", median));
                out.println(row);
            }
            StringBuilder loads = new StringBuilder();
            for (double l : loadDuring) {
                loads.append(loads.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", l));
            }
            out.println();
            out.printf(Locale.ROOT, "1-minute load average: %.2f before the warm-up; after each measured round: %s.%n", loadBefore,
                    loads);
            out.println();
        }

        private static double perRequest(long[] ticks, long[] requests) {
            long t = 0;
            long n = 0;
            for (int i = 0; i < ticks.length; i++) {
                t += ticks[i];
                n += requests[i];
            }
            return n == 0 ? Double.NaN : (double) t / n;
        }

        private double cpuPerRequest(int s, long[][] sorted, double perTick) {
            long sum = 0;
            for (long t : cpuTicks[s]) {
                sum += Math.max(0, t);
            }
            return sum * perTick / Math.max(1, sorted[s].length);
        }

        private void compare(PrintStream out, Comparison c, long[] baseline, long[] measured) {
            long b50 = percentile(baseline, 0.50);
            long m50 = percentile(measured, 0.50);
            long b99 = percentile(baseline, 0.99);
            long m99 = percentile(measured, 0.99);
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.2f× | %s | %s | %s | %.2f× | %s |%n", c.name(), ms(b50), ms(m50),
                    ms(m50 - b50), (double) m50 / b50, ms(b99), ms(m99), ms(m99 - b99), (double) m99 / b99,
                    !c.target() ? "—" : m50 - b50 <= 1_000_000 ? "yes" : "**no**");
        }

        private void roundRow(PrintStream out, Comparison c) {
            StringBuilder row = new StringBuilder("| " + c.name() + " |");
            for (int r = 0; r < options.rounds(); r++) {
                row.append(' ').append(ms(roundP50[c.measured()][r] - roundP50[c.baseline()][r])).append(" |");
            }
            out.println(row);
        }
    }

    /**
     * CPU time of the processes (this one, the fake upstream, Nexus, the floor relay if any) from
     * {@code /proc/<pid>/stat}, in clock ticks (utime + stime). Linux only; elsewhere, or without the pids, it reports
     * nothing; a process without a pid counts -1 ticks.
     */
    static final class CpuMeter {
        static final int PROCESSES = 4;
        private final long[] pids;

        CpuMeter(long self, long upstream, long nexus, long relay) {
            this.pids = new long[] {self, upstream, nexus, relay};
        }

        boolean available() {
            return pids[1] > 0 && pids[2] > 0 && ticks()[0] >= 0;
        }

        long[] ticks() {
            long[] result = new long[pids.length];
            for (int i = 0; i < pids.length; i++) {
                result[i] = ticksOf(pids[i]);
            }
            return result;
        }

        private static long ticksOf(long pid) {
            if (pid <= 0) {
                return -1;
            }
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                // fields after "(comm)": state is field 3, utime field 14, stime field 15
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    /** The latencies each client recorded between {@code from[c]} and {@code to[c]}, merged and sorted. */
    static long[] collect(long[][] perClient, int[] from, int[] to) {
        int n = 0;
        for (int c = 0; c < perClient.length; c++) {
            n += to[c] - from[c];
        }
        long[] all = new long[n];
        int at = 0;
        for (int c = 0; c < perClient.length; c++) {
            int len = to[c] - from[c];
            System.arraycopy(perClient[c], from[c], all, at, len);
            at += len;
        }
        Arrays.sort(all);
        return all;
    }

    /** Nearest-rank percentile of sorted values; 0 when there are none. */
    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    /** The system's 1-minute load average (other work on the machine skews every number here), or -1. */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private static long seconds(double s) {
        return (long) (s * 1e9);
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[bench] " + format + "%n", args);
        System.err.flush();
    }

    static {
        // A stuck run must still end: the whole generator gives up after 15 minutes.
        Thread watchdog = Thread.ofPlatform().daemon().name("bench-watchdog").unstarted(() -> {
            try {
                TimeUnit.MINUTES.sleep(15);
                System.err.println("[bench] giving up after 15 minutes");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException ignored) {
                // exiting
            }
        });
        watchdog.start();
    }
}
