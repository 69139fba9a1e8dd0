package dev.nexus.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The streaming benchmark ({@code bench/run-streams.sh}): many slow streams open at once, each as a client would hold
 * it, through Nexus, through the floor relay, and straight to the fake upstream, in one run. Reports per scenario how
 * many streams finished within the deadline, how long they took against the upstream's own pacing, the CPU each
 * process spent per upstream event relayed, and the gateway's resident memory at its peak.
 *
 * <p>Clients are plain sockets on virtual threads ({@code Connection: close}, read to the end): the cheapest client
 * possible, so that the two cores go to the processes measured.
 */
public final class StreamLoad {
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    /** The end of a chunked body: the empty last chunk and the blank line after it. */
    private static final byte[] LAST_CHUNK = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private StreamLoad() {}

    record Options(URI upstream, URI nexus, URI relay, URI before, String key, int streams, int events, long intervalMs,
            Duration deadline, int rounds, int warmups, long upstreamPid, long nexusPid, long relayPid, long beforePid,
            int clockTicks) {
        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
                }
                given.put(args[i].substring(2), args[i + 1]);
            }
            for (String required : List.of("upstream", "nexus", "key", "events", "interval-ms")) {
                if (!given.containsKey(required)) {
                    throw new IllegalArgumentException("missing --" + required);
                }
            }
            return new Options(URI.create(given.get("upstream")), URI.create(given.get("nexus")),
                    given.containsKey("relay") ? URI.create(given.get("relay")) : null,
                    given.containsKey("before") ? URI.create(given.get("before")) : null, given.get("key"),
                    Integer.parseInt(given.getOrDefault("streams", "1000")), Integer.parseInt(given.get("events")),
                    Long.parseLong(given.get("interval-ms")),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("deadline", "60"))),
                    Integer.parseInt(given.getOrDefault("rounds", "2")), Integer.parseInt(given.getOrDefault("warmups", "2")),
                    Long.parseLong(given.getOrDefault("upstream-pid", "0")), Long.parseLong(given.getOrDefault("nexus-pid", "0")),
                    Long.parseLong(given.getOrDefault("relay-pid", "0")), Long.parseLong(given.getOrDefault("before-pid", "0")),
                    Integer.parseInt(given.getOrDefault("clock-ticks", "100")));
        }
    }

    /** Where a scenario sends its streams, and which process is its gateway (none for the direct one). */
    record Target(String name, URI base, String path, List<String> headers, byte[] body, long gatewayPid) {}

    /** What one scenario measured; {@code failures} counts the streams that did not finish, by reason. */
    record Result(String name, int streams, int finished, long[] durations, long events, long[] cpuTicks, long peakRssKb,
            double loadBefore, Map<String, Integer> failures) {}

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        byte[] chat = ("{\"model\":\"" + BenchUpstream.MODEL + "\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + BenchUpstream.PROMPT + "\"}]}").getBytes(StandardCharsets.UTF_8);
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("direct", o.upstream(), "/v1internal:streamGenerateContent?alt=sse",
                List.of(BenchUpstream.REQUEST_HEADERS), BenchUpstream.ENVELOPE.getBytes(StandardCharsets.UTF_8), 0));
        if (o.relay() != null) {
            targets.add(new Target("floor", o.relay(), "/v1/chat/completions", List.of("Content-Type", "application/json"),
                    chat, o.relayPid()));
        }
        List<String> nexusHeaders = List.of("Content-Type", "application/json", "Authorization", "Bearer " + o.key());
        targets.add(new Target("nexus", o.nexus(), "/v1/chat/completions", nexusHeaders, chat, o.nexusPid()));
        if (o.before() != null) {
            targets.add(new Target("nexus-before", o.before(), "/v1/chat/completions", nexusHeaders, chat, o.beforePid()));
        }

        // Warm-up at full size: Nexus has far more code than the floor for the JIT to compile, and its compilations
        // must not be billed to the measured rounds.
        for (int i = 0; i < o.warmups(); i++) {
            for (Target t : targets) {
                progress("warm-up %d: %s", i + 1, t.name());
                run(o, t, o.streams(), o.deadline());
            }
        }
        List<Result> results = new ArrayList<>();
        for (int round = 0; round < o.rounds(); round++) {
            List<Target> order = new ArrayList<>(targets);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (Target t : order) {
                progress("round %d: %s, %d streams", round + 1, t.name(), o.streams());
                results.add(run(o, t, o.streams(), o.deadline()));
            }
        }
        report(System.out, o, targets, results);
        System.exit(0);
    }

    private static Result run(Options o, Target t, int streams, Duration deadline) throws InterruptedException {
        double load = loadAverage();
        long[] before = ticks(o, t);
        long[] durations = new long[streams];
        Arrays.fill(durations, -1);
        Map<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicLong events = new AtomicLong();
        CountDownLatch done = new CountDownLatch(streams);
        PeakRss rss = new PeakRss(t.gatewayPid());
        Thread sampler = Thread.ofPlatform().daemon().start(rss);
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        List<Thread> clients = new ArrayList<>(streams);
        for (int i = 0; i < streams; i++) {
            int index = i;
            clients.add(Thread.ofVirtual().start(() -> {
                try {
                    long n = stream(t, end, failures);
                    if (n >= 0) {
                        events.addAndGet(n);
                        durations[index] = System.nanoTime() - start;
                    }
                } finally {
                    done.countDown();
                }
            }));
        }
        boolean all = done.await(deadline.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        if (!all) {
            clients.forEach(Thread::interrupt);
        }
        long[] after = ticks(o, t);
        sampler.interrupt();
        long[] cpu = new long[before.length];
        for (int i = 0; i < cpu.length; i++) {
            cpu[i] = before[i] < 0 || after[i] < 0 ? -1 : after[i] - before[i];
        }
        long[] finished = Arrays.stream(durations).filter(d -> d >= 0 && d <= deadline.toNanos()).sorted().toArray();
        int late = (int) Arrays.stream(durations).filter(d -> d > deadline.toNanos()).count();
        if (late > 0) {
            failures.merge("finished after the deadline", late, Integer::sum);
        }
        return new Result(t.name(), streams, finished.length, finished, events.get(), cpu, rss.peakKb(), load, Map.copyOf(failures));
    }

    /** One stream read to its end; the number of {@code data:} events, or -1 (counted in {@code failures}) if it failed. */
    private static long stream(Target t, long end, Map<String, Integer> failures) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(t.base().getHost(), t.base().getPort()), 10_000);
            socket.setSoTimeout((int) Math.max(1000, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            StringBuilder head = new StringBuilder("POST ").append(t.path()).append(" HTTP/1.1\r\nHost: ")
                    .append(t.base().getHost()).append(':').append(t.base().getPort()).append("\r\n");
            for (int i = 0; i < t.headers().size(); i += 2) {
                head.append(t.headers().get(i)).append(": ").append(t.headers().get(i + 1)).append("\r\n");
            }
            head.append("Content-Length: ").append(t.body().length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(t.body());
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            long count = 0;
            int matched = 0;
            boolean ok = false;
            boolean first = true;
            int ended = 0;
            int n;
            // Ends at the chunked body's last chunk; the servers need not close the connection for it.
            while (ended < LAST_CHUNK.length && (n = in.read(buffer)) >= 0) {
                if (first) {
                    String status = new String(buffer, 0, Math.min(n, 12), StandardCharsets.US_ASCII);
                    ok = status.startsWith("HTTP/1.1 200");
                    if (!ok) {
                        failures.merge("answered " + status, 1, Integer::sum);
                        return -1;
                    }
                    first = false;
                }
                for (int i = 0; i < n; i++) {
                    matched = buffer[i] == DATA[matched] ? matched + 1 : (buffer[i] == DATA[0] ? 1 : 0);
                    if (matched == DATA.length) {
                        count++;
                        matched = 0;
                    }
                    ended = buffer[i] == LAST_CHUNK[ended] ? ended + 1 : (buffer[i] == LAST_CHUNK[0] ? 1 : 0);
                }
                if (System.nanoTime() > end) {
                    failures.merge("still open at the deadline", 1, Integer::sum);
                    return -1;
                }
            }
            if (!ok || ended != LAST_CHUNK.length) {
                failures.merge(first ? "closed before an answer" : "closed before the end of the stream", 1, Integer::sum);
                return -1;
            }
            return count;
        } catch (IOException e) {
            failures.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
            return -1;
        }
    }

    private static void report(PrintStream out, Options o, List<Target> targets, List<Result> results) {
        out.printf(Locale.ROOT, "%n%d concurrent streams of %d upstream events %d ms apart (%.1f s each at the upstream's"
                + " pace), deadline %d s; %d round(s), alternating order; machine load (1 min) before each scenario in the"
                + " last column%n%n", o.streams(), o.events(), o.intervalMs(), o.events() * o.intervalMs() / 1000.0,
                o.deadline().toSeconds(), o.rounds());
        out.println("| scenario | round | finished | p50 / p99 stream time | gateway CPU per upstream event | gateway CPU per stream"
                + " | upstream CPU per event | load generator CPU per event | gateway peak RSS | load |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        double usPerTick = 1e6 / o.clockTicks();
        Map<String, Integer> rounds = new HashMap<>();
        for (Result r : results) {
            int round = rounds.merge(r.name(), 1, Integer::sum);
            long upstreamEvents = (long) r.streams() * o.events();
            long gatewayTicks = r.cpuTicks()[2];
            String gatewayPerEvent = gatewayTicks < 0 ? "—"
                    : String.format(Locale.ROOT, "%.1f µs", gatewayTicks * usPerTick / upstreamEvents);
            String gatewayPerStream = gatewayTicks < 0 ? "—"
                    : String.format(Locale.ROOT, "%.2f ms", gatewayTicks * usPerTick / 1000 / r.streams());
            out.printf(Locale.ROOT, "| %s | %d | %d / %d | %s / %s s | %s | %s | %.1f µs | %.1f µs | %s | %.2f |%n", r.name(), round,
                    r.finished(), r.streams(), seconds(percentile(r.durations(), 0.5)), seconds(percentile(r.durations(), 0.99)),
                    gatewayPerEvent, gatewayPerStream, r.cpuTicks()[1] * usPerTick / upstreamEvents,
                    r.cpuTicks()[0] * usPerTick / upstreamEvents,
                    r.peakRssKb() > 0 ? (r.peakRssKb() / 1024) + " MiB" : "—", r.loadBefore());
        }
        out.println();
        out.println("CPU is user + system time from /proc/<pid>/stat over the scenario, divided by the upstream events it"
                + " carried (streams × events), whether or not a stream finished in time.");
        summary(out, o, targets, results);
        for (Result r : results) {
            r.failures().forEach((why, n) -> out.printf(Locale.ROOT, "%s: %d stream(s) %s%n", r.name(), n, why));
        }
    }

    /**
     * Per gateway, over the rounds: the median CPU per upstream event and per stream, and the median of the per-round
     * ratios to the floor (each gateway against the floor of its own round, which shared the machine's state).
     */
    private static void summary(PrintStream out, Options o, List<Target> targets, List<Result> results) {
        double usPerTick = 1e6 / o.clockTicks();
        long events = (long) o.streams() * o.events();
        out.printf(Locale.ROOT, "%n| gateway | rounds | median CPU per upstream event | median CPU per stream | median ratio to"
                + " the floor's | streams finished |%n|---|---:|---:|---:|---:|---:|%n");
        for (Target t : targets) {
            if (t.gatewayPid() <= 0) {
                continue;
            }
            List<Double> perEvent = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            int finished = 0;
            int streams = 0;
            for (int round = 0; round < results.size() / targets.size(); round++) {
                Result mine = roundOf(results, targets.size(), round, t.name());
                Result floor = roundOf(results, targets.size(), round, "floor");
                perEvent.add(mine.cpuTicks()[2] * usPerTick / events);
                if (floor != null && floor.cpuTicks()[2] > 0) {
                    ratios.add((double) mine.cpuTicks()[2] / floor.cpuTicks()[2]);
                }
                finished += mine.finished();
                streams += mine.streams();
            }
            double median = median(perEvent);
            out.printf(Locale.ROOT, "| %s | %d | %.1f µs | %.2f ms | %s | %d / %d |%n", t.name(), perEvent.size(), median,
                    median * o.events() / 1000, ratios.isEmpty() ? "—" : String.format(Locale.ROOT, "%.2f×", median(ratios)),
                    finished, streams);
        }
    }

    private static Result roundOf(List<Result> results, int perRound, int round, String name) {
        for (Result r : results.subList(round * perRound, (round + 1) * perRound)) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String seconds(long nanos) {
        return nanos <= 0 ? "—" : String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))];
    }

    /** This process, the upstream and the target's gateway: CPU ticks so far (-1 where unknown or no gateway). */
    private static long[] ticks(Options o, Target t) {
        long[] all = new LoadGenerator.CpuMeter(ProcessHandle.current().pid(), o.upstreamPid(), t.gatewayPid(), 0).ticks();
        return new long[] {all[0], all[1], all[2]};
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[streams] " + format + "%n", args);
    }

    /** Samples a process's resident set every 100 ms and keeps the largest. */
    private static final class PeakRss implements Runnable {
        private final long pid;
        private volatile long peakKb;

        PeakRss(long pid) {
            this.pid = pid;
        }

        long peakKb() {
            return peakKb;
        }

        @Override
        public void run() {
            if (pid <= 0) {
                return;
            }
            Path status = Path.of("/proc/" + pid + "/status");
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmRSS:")) {
                            peakKb = Math.max(peakKb, Long.parseLong(line.replaceAll("\\D", "")));
                        }
                    }
                    Thread.sleep(100);
                } catch (IOException | RuntimeException e) {
                    return;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
