package dev.nexus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code nexus serve} in a JVM of its own, started from the test classpath (no jar, no launcher): for what only a real
 * process shows — thread ids that start over in every process, standard output redirected to a file. Standard input
 * is {@code /dev/null}; stdout and stderr go to files in {@code outputDir}. {@link #close()} sends SIGTERM and waits.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final Path out;
    private final Path err;
    private final int port;

    private ServerProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
        int[] found = new int[1];
        NexusHarness.awaitTrue(Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + ":\n" + stderr());
            }
            Matcher m = LISTENING.matcher(stderr());
            if (m.find()) {
                found[0] = Integer.parseInt(m.group(1));
                return true;
            }
            return false;
        });
        this.port = found[0];
    }

    /**
     * Starts {@code nexus serve} in {@code workDir} with {@code env} added to this JVM's environment (PORT defaults to
     * 0); {@code outputDir} receives {@code <name>.out} and {@code <name>.err}.
     */
    public static ServerProcess start(String name, Path workDir, Path outputDir, Map<String, String> env) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "dev.nexus.Nexus", "serve"))
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(outputDir.resolve(name + ".out").toFile())
                .redirectError(outputDir.resolve(name + ".err").toFile());
        builder.environment().remove("NEXUS_API_KEY");
        builder.environment().remove("NEXUS_SECRET_KEY");
        builder.environment().put("PORT", "0");
        builder.environment().putAll(env);
        try {
            return new ServerProcess(builder.start(), outputDir.resolve(name + ".out"), outputDir.resolve(name + ".err"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** What the server wrote to standard output so far. */
    public String stdout() {
        return read(out);
    }

    /** What the server wrote to standard error (its log) so far. */
    public String stderr() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, then up to 20 s for a graceful exit (a kill after that). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the server did not exit within 20 s of SIGTERM:\n" + stderr());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
