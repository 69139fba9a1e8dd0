package dev.nexus.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.cli.NexusCommand;
import dev.nexus.cli.ServeCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * A Nexus of its own for one test: a temporary working directory with its own database, an environment map
 * instead of the real one, the real server on a free loopback port, and the real CLI run in-process on the
 * same database.
 */
public final class NexusHarness implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Map<String, String> env = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ServeCommand.Running running;
    private final StringWriter console = new StringWriter();

    public NexusHarness(Path dir) {
        this.dir = dir;
        env.put("PORT", "0");
        env.put("NEXUS_DB", dir.resolve("nexus.db").toString());
    }

    public NexusHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Map<String, String> env() {
        return env;
    }

    public Path dir() {
        return dir;
    }

    public NexusHarness start() {
        NexusCommand root = new NexusCommand(Map.copyOf(env), dir);
        running = ServeCommand.start(new dev.nexus.config.SettingsLoader(env, dir).load(), root, new PrintWriter(console, true));
        return this;
    }

    /** What the server printed to its console (not the log), e.g. the first generated key. */
    public String console() {
        return console.toString();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + running.port();
    }

    public void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** Runs {@code nexus <args>} in-process against the same database. */
    public CliResult cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = NexusCommand.commandLine(Map.copyOf(env), dir);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliResult(code, out.toString(), err.toString());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path));
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder builder = request(path).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder);
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder);
    }

    public HttpResponse<String> put(String path, String body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** Polls until the condition holds or the deadline passes; returns how long it took. */
    public static Duration awaitTrue(Duration deadline, BooleanSupplier condition) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + deadline);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        stop();
        http.close();
    }

    public record CliResult(int code, String out, String err) {
        public JsonNode json() {
            return NexusHarness.json(out);
        }
    }
}
