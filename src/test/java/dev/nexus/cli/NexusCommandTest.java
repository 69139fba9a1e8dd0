package dev.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The server's start builds only {@code serve}; every other command line gets the whole tree. */
class NexusCommandTest {
    private static final Path HERE = Path.of(".");

    @Test
    void runningTheServerBuildsOnlyServeAndAnythingElseTheWholeTree() {
        assertThat(NexusCommand.commandLineFor(new String[0], Map.of(), HERE).getSubcommands()).containsOnlyKeys("serve");
        assertThat(NexusCommand.commandLineFor(new String[] {"serve", "--help"}, Map.of(), HERE).getSubcommands())
                .containsOnlyKeys("serve");
        assertThat(NexusCommand.commandLineFor(new String[] {"keys", "list"}, Map.of(), HERE).getSubcommands().keySet())
                .containsExactly("serve", "version", "keys", "accounts", "routes", "quota", "doctor", "help");
        assertThat(NexusCommand.commandLineFor(new String[] {"--help"}, Map.of(), HERE).getSubcommands().keySet())
                .containsExactlyElementsOf(NexusCommand.commandLine(Map.of(), HERE).getSubcommands().keySet());
    }

    @Test
    void serveParsesAndExplainsItselfAsInTheWholeTree() {
        assertThat(run(NexusCommand.commandLineFor(new String[] {"serve", "--help"}, Map.of(), HERE), "serve", "--help"))
                .isEqualTo(run(NexusCommand.commandLine(Map.of(), HERE), "serve", "--help"))
                .contains("Usage: nexus serve");
        assertThat(run(NexusCommand.commandLineFor(new String[] {"serve", "--nope"}, Map.of(), HERE), "serve", "--nope"))
                .isEqualTo(run(NexusCommand.commandLine(Map.of(), HERE), "serve", "--nope"))
                .contains("Unknown option: '--nope'");
    }

    private static String run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int code = cli.execute(args);
        return code + "\n" + out;
    }
}
