package dev.nexus.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.cli.NexusCommand;
import dev.nexus.cli.ServeCommand;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private boolean consoleIsTerminal = true;
    private java.time.Clock clock = java.time.Clock.systemUTC();

    public NexusHarness(Path dir) {
        this.dir = dir;
        env.put("PORT", "0");
        env.put("NEXUS_DB", dir.resolve("nexus.db").toString());
        // Nexus always has an OAuth client (the built-in ones), so without these a refresh would go to the real Google;
        // a closed loopback port fails it as an unreachable Google does, leaving the account's state alone.
        env.put("NEXUS_GOOGLE_TOKEN_URL", "http://127.0.0.1:9/token");
        env.put("NEXUS_GOOGLE_USERINFO_URL", "http://127.0.0.1:9/oauth2/v2/userinfo");
    }

    public NexusHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /**
     * Points every Google endpoint at the fake, as a test of anything that talks to Google needs. No GOOGLE_CLIENT_ID:
     * Nexus uses its built-in OAuth clients, which the fake knows as Google does.
     */
    public NexusHarness usingGoogle(dev.nexus.fake.FakeGoogle google) {
        return env("NEXUS_GOOGLE_AUTH_URL", google.authUrl())
                .env("NEXUS_GOOGLE_TOKEN_URL", google.tokenUrl())
                .env("NEXUS_GOOGLE_USERINFO_URL", google.userinfoUrl())
                .env("NEXUS_CLOUDCODE_BASE_URLS", google.cloudCodeBaseUrl());
    }

    /** Starts the server as with its output redirected (a service, a container): no secret may be printed. */
    public NexusHarness consoleRedirected() {
        consoleIsTerminal = false;
        return this;
    }

    /** The server's and the CLI's time, e.g. a fake's clock, so one push forward moves upstream and Nexus together. */
    public NexusHarness clock(java.time.Clock clock) {
        this.clock = clock;
        return this;
    }

    public Map<String, String> env() {
        return env;
    }

    public Path dir() {
        return dir;
    }

    public NexusHarness start() {
        NexusCommand root = new NexusCommand(Map.copyOf(env), dir, System.in, clock);
        running = ServeCommand.start(new dev.nexus.config.SettingsLoader(env, dir).load(), root, new PrintWriter(console, true),
                consoleIsTerminal);
        return this;
    }

    /** What the server printed to its console (not the log), e.g. the first generated key on a terminal. */
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

    /** Imports the ChatGPT account through {@code nexus accounts import --file} from an auth.json the Codex CLI would write. */
    public void importChatGptAccount(dev.nexus.fake.FakeOpenAi openai, String email) {
        Path file = dir.resolve("codex-" + email + "/auth.json");
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, openai.authJson(email));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CliResult imported = cli("accounts", "import", "--file", file.toString());
        if (imported.code() != 0) {
            throw new IllegalStateException("import of " + email + " failed: " + imported.err());
        }
    }

    /** Runs {@code nexus <args>} in-process against the same database. */
    public CliResult cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = NexusCommand.commandLine(Map.copyOf(env), dir, System.in, clock);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliResult(code, out.toString(), err.toString());
    }

    /**
     * Starts {@code nexus <args>} in-process on its own thread, for commands that wait (a login waiting for its
     * browser) or read stdin: the test reads the output while it runs and types into its stdin.
     */
    public BackgroundCli cliInBackground(String... args) {
        return new BackgroundCli(Map.copyOf(env), dir, args);
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

    /**
     * Sets the model route for {@code client} through the admin API: replaces the existing route of that client model
     * (the bundled defaults have many) or adds one.
     */
    public void route(String client, String provider, String target) {
        String existing = "";
        for (JsonNode r : json(get("/api/model-routes").body()).path("routes")) {
            if (r.path("client_model").asText().equals(client)) {
                existing = r.path("id").asText();
            }
        }
        String body = "{\"client_model\":\"" + client + "\",\"target_provider\":\"" + provider + "\",\"target_model\":\""
                + target + "\"}";
        HttpResponse<String> res = existing.isEmpty() ? post("/api/model-routes", body) : put("/api/model-routes/" + existing, body);
        if (res.statusCode() != 200 && res.statusCode() != 201) {
            throw new AssertionError("route " + client + " -> " + provider + "/" + target + " not stored: " + res.statusCode() + " " + res.body());
        }
    }

    /** The official OpenAI SDK on this server's {@code /v1} with a client key: no retries, a 30 s timeout. */
    public com.openai.client.OpenAIClient openAi(String key) {
        return com.openai.client.okhttp.OpenAIOkHttpClient.builder().baseUrl(baseUrl() + "/v1").apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    /** The official Anthropic SDK on this server's {@code /anthropic} with a client key: no retries, a 30 s timeout. */
    public com.anthropic.client.AnthropicClient anthropic(String key) {
        return com.anthropic.client.okhttp.AnthropicOkHttpClient.builder().baseUrl(baseUrl() + "/anthropic").apiKey(key)
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
    }

    /** The official Google GenAI SDK on this server's {@code /genai} with a client key: one attempt, a 30 s timeout. */
    public com.google.genai.Client genAi(String key) {
        return com.google.genai.Client.builder().apiKey(key).httpOptions(com.google.genai.types.HttpOptions.builder()
                .baseUrl(baseUrl() + "/genai").timeout(30_000)
                .retryOptions(com.google.genai.types.HttpRetryOptions.builder().attempts(1).build()).build()).build();
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

    /** A command running on its own thread; {@link #out()} and {@link #err()} show what it printed so far. */
    public static final class BackgroundCli {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final PipedOutputStream stdin = new PipedOutputStream();
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();

        BackgroundCli(Map<String, String> env, Path dir, String... args) {
            PipedInputStream in;
            try {
                in = new PipedInputStream(stdin, 64 * 1024);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            CommandLine cli = NexusCommand.commandLine(env, dir, in);
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            Thread.ofPlatform().name("nexus-cli-" + String.join("-", args)).daemon().start(() -> {
                try {
                    exit.complete(cli.execute(args));
                } catch (RuntimeException | Error e) {
                    exit.completeExceptionally(e);
                }
            });
        }

        public String out() {
            return out.toString();
        }

        public String err() {
            return err.toString();
        }

        /** Types a line into the command's stdin. */
        public void type(String line) {
            try {
                stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Ends the command's stdin (as Ctrl-D would). */
        public void endInput() {
            try {
                stdin.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits for the command to exit and returns what it printed. */
        public CliResult await(Duration deadline) {
            try {
                int code = exit.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
                return new CliResult(code, out(), err());
            } catch (TimeoutException e) {
                throw new AssertionError("command still running after " + deadline + "; out: " + out() + " err: " + err());
            } catch (ExecutionException e) {
                throw new AssertionError("command crashed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public boolean finished() {
            return exit.isDone();
        }
    }

    public record CliResult(int code, String out, String err) {
        public JsonNode json() {
            return NexusHarness.json(out);
        }
    }
}
