package dev.nexus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code src/dist/lib/jvm-options.sh}, the launchers' JVM options, run by the POSIX shell both launchers' rules are
 * written for: a collector in {@code NEXUS_JAVA_OPTS} replaces the file's, and an option with a glob character stays
 * as written even when a file in the working directory matches it and the caller left globbing on.
 */
class JvmOptionsScriptTest {
    private static final Path SCRIPT = Path.of("src/dist/lib/jvm-options.sh").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theFilesOptionsComeAsWrittenAndAnotherCollectorReplacesTheFilesOne() throws Exception {
        Files.writeString(dir.resolve("jvm.options"), """
                # a comment line
                -XX:+UseG1GC
                -Xlog:gc*:file=gc.log   # a comment after an option
                -Xmx144m
                """);
        // What '-Xlog:gc*:file=gc.log' would expand to if the shell globbed it.
        Files.createFile(dir.resolve("-Xlog:gcX:file=gc.log"));

        assertThat(options(Map.of())).endsWith(" -XX:+UseG1GC -Xlog:gc*:file=gc.log -Xmx144m")
                .startsWith("--enable-native-access=ALL-UNNAMED ");
        assertThat(options(Map.of("NEXUS_JAVA_OPTS", "-XX:+UseSerialGC -Xmx1g")))
                .endsWith("stderr -Xlog:gc*:file=gc.log -Xmx144m")
                .doesNotContain("G1");
    }

    @Test
    void theCallersGlobbingIsAsItWas() throws Exception {
        Files.writeString(dir.resolve("jvm.options"), "-Xmx144m\n");
        assertThat(shell("nexus_jvm_options jvm.options >/dev/null; echo \"$-\"", Map.of())).doesNotContain("f");
        assertThat(shell("set -f; nexus_jvm_options jvm.options >/dev/null; echo \"$-\"", Map.of())).contains("f");
    }

    private String options(Map<String, String> env) throws IOException, InterruptedException {
        return shell("nexus_jvm_options jvm.options", env);
    }

    private String shell(String command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder sh = new ProcessBuilder("/bin/sh", "-c", ". \"$0\"; " + command, SCRIPT.toString())
                .directory(dir.toFile()).redirectErrorStream(true);
        sh.environment().remove("NEXUS_JAVA_OPTS");
        sh.environment().putAll(env);
        Process process = sh.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
