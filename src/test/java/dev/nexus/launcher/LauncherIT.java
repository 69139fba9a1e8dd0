package dev.nexus.launcher;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nexus.testing.NexusHarness;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a new user meets it: a checkout without {@code target/}, {@code ./nexus} building the jar,
 * the server and the CLI as separate processes on one database, and SIGTERM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {
    @TempDir
    static Path work;
    static Path checkout;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Copies what a clone would contain: the files git tracks plus new files it does not ignore. */
    @BeforeAll
    static void freshCheckout() throws Exception {
        Path project = Path.of("").toAbsolutePath();
        checkout = work.resolve("checkout");
        Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                .directory(project.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor()).isZero();
        for (String file : listing.split("\0")) {
            Path source = project.resolve(file);
            if (file.isEmpty() || !Files.isRegularFile(source)) {
                continue;
            }
            Path target = checkout.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        assertThat(checkout.resolve("target")).doesNotExist();
    }

    @Test
    @Order(1)
    void versionBuildsTheJarOnFirstUseThenRunsWithoutRebuilding() throws Exception {
        Result first = run(Duration.ofMinutes(5), Map.of(), "./nexus", "version");
        assertThat(first.code).as(first.err).isZero();
        assertThat(first.out).startsWith("nexus ");
        assertThat(first.err).contains("building");
        assertThat(checkout.resolve("target/nexus.jar")).exists();

        Result second = run(Duration.ofMinutes(1), Map.of(), "./nexus", "version");
        assertThat(second.code).isZero();
        assertThat(second.err).doesNotContain("building");

        // A collector named in NEXUS_JAVA_OPTS replaces config/jvm.options' one (the JVM refuses two).
        Result serial = run(Duration.ofMinutes(1), Map.of("NEXUS_JAVA_OPTS", "-XX:+UseSerialGC -Xmx256m"), "./nexus", "version");
        assertThat(serial.code).as(serial.err).isZero();
        assertThat(serial.err).doesNotContain("Multiple garbage collectors");
        assertThat(serial.out).startsWith("nexus ");
    }

    @Test
    @Order(2)
    void withoutASuitableJdkTheLauncherSaysSoAndHowToGetOne() throws Exception {
        Result result = run(Duration.ofMinutes(1), Map.of("NEXUS_JDK_DIRS", work.resolve("no-jdks").toString(),
                "JAVA_HOME", "", "PATH", "/usr/bin:/bin"), "./nexus", "version");
        if (javaOnPathIsModern()) {
            return; // this machine's PATH java is new enough, so the launcher rightly finds it
        }
        assertThat(result.code).isEqualTo(1);
        assertThat(result.err).contains("no Java 21 or newer found", "JAVA_HOME");
    }

    @Test
    @Order(3)
    void serveAnswersAndSeesChangesMadeByCliProcesses() throws Exception {
        Path data = work.resolve("data");
        Files.createDirectories(data);
        // Nexus always has an OAuth client now; a closed loopback port keeps its token refreshes off the real Google.
        Map<String, String> env = Map.of("PORT", "0", "NEXUS_DB", data.resolve("nexus.db").toString(),
                "NEXUS_GOOGLE_TOKEN_URL", "http://127.0.0.1:9/token");
        Path out = data.resolve("serve.out");
        Path err = data.resolve("serve.err");
        Process server = start(env, out, err, "./nexus", "serve");
        java.util.function.Supplier<List<String>> stdout = () -> lines(out);
        java.util.function.Supplier<List<String>> stderr = () -> lines(err);
        try {
            int port = awaitPort(stderr);
            String base = "http://127.0.0.1:" + port;
            assertThat(get(base + "/healthz", null).body()).contains("\"ok\"");

            // Standard output is a file, not a terminal: the generated key goes to an owner-only file, and the log says where.
            Path keyFile = data.resolve("nexus.db.first-client-key");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            String key = Files.readString(keyFile).strip();
            assertThat(key).startsWith("sk-nx-");
            assertThat(String.join("\n", stdout.get())).doesNotContain(key);
            assertThat(String.join("\n", stderr.get())).contains("it is in " + keyFile).doesNotContain(key);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("nexus.db")))).isEqualTo("rw-------");
            assertThat(get(base + "/v1/unknown", key).statusCode()).isEqualTo(404);

            Result imported = run(Duration.ofMinutes(1), env, "./nexus", "accounts", "import",
                    "--refresh-token", "1//launcher-test", "--email", "carol@example.com", "--project", "proj-carol");
            assertThat(imported.code).as(imported.err).isZero();
            NexusHarness.awaitTrue(Duration.ofSeconds(2),
                    () -> json(get(base + "/api/accounts", null).body()).path("count").asInt() == 1);

            // The doctor beside a running server: the same database, the account by its stored state, no upstream asked.
            Result doctor = run(Duration.ofMinutes(1), env, "./nexus", "doctor", "--no-requests", "--json");
            assertThat(doctor.code).as(doctor.out + doctor.err).isZero();
            assertThat(doctor.out).contains("\"name\" : \"carol@example.com\"").contains("\"status\" : \"ok\"")
                    .doesNotContain("1//launcher-test");

            String keyId = json(run(Duration.ofMinutes(1), env, "./nexus", "keys", "list", "--json").out).get(0).path("id").asText();
            assertThat(run(Duration.ofMinutes(1), env, "./nexus", "keys", "revoke", keyId).code).isZero();
            NexusHarness.awaitTrue(Duration.ofSeconds(2), () -> get(base + "/v1/unknown", key).statusCode() == 401);

            server.destroy(); // SIGTERM
            assertThat(server.waitFor(15, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            assertThat(stderr.get()).anyMatch(l -> l.contains("shutting down"));
            assertThat(String.join("\n", stderr.get())).doesNotContain(key).doesNotContain("1//launcher-test");
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    @Order(4)
    void serveOnABusyPortExitsNonZeroWithOneLineNamingThePort() throws Exception {
        Path data = work.resolve("busy");
        Files.createDirectories(data);
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = other.getLocalPort();
            Result result = run(Duration.ofMinutes(1), Map.of("PORT", String.valueOf(port), "NEXUS_DB",
                    data.resolve("nexus.db").toString()), "./nexus", "serve");
            assertThat(result.code).as(result.err).isEqualTo(2);
            assertThat(result.err.strip()).isEqualTo("nexus: port " + port
                    + " on 127.0.0.1 is already in use (stop the other process, or set PORT to a free port)");
            assertThat(result.out).doesNotContain("sk-nx-");
        }
    }

    @Test
    @Order(5)
    void onATerminalServePrintsTheGeneratedKeyOnceAndWritesNoKeyFile() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script(1) gives the launcher a terminal");
        Path data = work.resolve("terminal");
        Files.createDirectories(data);
        Path out = data.resolve("terminal.out");
        Path err = data.resolve("serve.err");
        // script runs the launcher on a pseudo-terminal (its output is what the terminal showed); the log goes to a file.
        Process server = start(Map.of("PORT", "0", "NEXUS_DB", data.resolve("nexus.db").toString()), out, data.resolve("script.err"),
                "/usr/bin/script", "-qfec", "./nexus serve 2>" + err, "/dev/null");
        try {
            int port = awaitPort(() -> lines(err));
            NexusHarness.awaitTrue(Duration.ofSeconds(10), () -> lines(out).stream().anyMatch(l -> l.trim().startsWith("sk-nx-")));
            String key = lines(out).stream().map(String::trim).filter(l -> l.startsWith("sk-nx-")).findFirst().orElseThrow();
            assertThat(lines(out)).anyMatch(l -> l.contains("It is shown only this once"));
            assertThat(get("http://127.0.0.1:" + port + "/v1/unknown", key).statusCode()).isEqualTo(404);
            assertThat(data.resolve("nexus.db.first-client-key")).doesNotExist();
            assertThat(String.join("\n", lines(err))).doesNotContain(key);
        } finally {
            server.descendants().forEach(ProcessHandle::destroy); // the server itself (SIGTERM), then script
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
        }
    }

    @Test
    @Order(6)
    void testRunsMavenOnTheJdkTheLauncherFoundNotOnJavaFromPath() throws Exception {
        // Maven's --version starts no build (a test that ran the suite from inside the suite would recurse), yet it
        // shows the JAVA_HOME the launcher handed to ./mvnw: the JDK it found, even with JAVA_HOME unset and an old java
        // first on PATH.
        Result result = run(Duration.ofMinutes(2), Map.of("JAVA_HOME", "", "PATH", "/usr/bin:/bin"), "./nexus", "test", "--version");
        assertThat(result.code).as(result.err).isZero();
        Matcher java = Pattern.compile("Java version: (\\d+)").matcher(result.out);
        assertThat(java.find()).as(result.out).isTrue();
        assertThat(Integer.parseInt(java.group(1))).isGreaterThanOrEqualTo(21);
        assertThat(result.err).doesNotContain("building");
    }

    private static boolean javaOnPathIsModern() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/java", "-version").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("version \"(\\d+)").matcher(text);
        return m.find() && Integer.parseInt(m.group(1)) >= 21;
    }

    private static int awaitPort(java.util.function.Supplier<List<String>> stderr) {
        Pattern listening = Pattern.compile("listening on http://[^:]+:(\\d+)");
        int[] port = new int[1];
        NexusHarness.awaitTrue(Duration.ofSeconds(60), () -> stderr.get().stream().map(listening::matcher).anyMatch(m -> {
            if (m.find()) {
                port[0] = Integer.parseInt(m.group(1));
                return true;
            }
            return false;
        }));
        return port[0];
    }

    private static HttpResponse<String> get(String url, String key) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (key != null) {
            req.header("Authorization", "Bearer " + key);
        }
        try {
            return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Output goes to files: reading a pipe while the process exits can lose its last lines. */
    private static Process start(Map<String, String> env, Path out, Path err, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(checkout.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        builder.environment().remove("NEXUS_API_KEY");
        builder.environment().remove("NEXUS_SECRET_KEY");
        return builder.start();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Result run(Duration timeout, Map<String, String> env, String... command) throws Exception {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = start(env, out, err, command);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command) + "\n" + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Result(int code, String out, String err) {}
}
