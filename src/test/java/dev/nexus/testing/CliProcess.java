package dev.nexus.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client CLI (Claude Code, Codex, Gemini CLI) once, non-interactively: stdin from /dev/null, stdout and
 * stderr to files in {@code outputDir}, the given environment changes, and a hard deadline after which it is killed.
 */
public final class CliProcess {
    private CliProcess() {}

    /** What the run left: whether it exited in time, its exit code (-1 if killed), and its output. */
    public record Result(boolean exited, int code, String out, String err) {
        /** Fails the test with the CLI's output unless it exited in time with code 0. */
        public Result assertSucceeded() {
            assertThat(exited).as("the CLI exits in time; stdout: " + out + "\nstderr: " + err).isTrue();
            assertThat(code).as("stdout: " + out + "\nstderr: " + err).isZero();
            return this;
        }
    }

    /**
     * @param env variables to set; a {@code null} value removes the variable inherited from the test's environment
     */
    public static Result run(List<String> command, Path workDir, Path outputDir, Map<String, String> env, Duration deadline)
            throws IOException, InterruptedException {
        Path out = outputDir.resolve("out.txt");
        Path err = outputDir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> environment = builder.environment();
        env.forEach((name, value) -> {
            if (value == null) {
                environment.remove(name);
            } else {
                environment.put(name, value);
            }
        });
        Process process = builder.start();
        boolean exited = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return new Result(exited, exited ? process.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
