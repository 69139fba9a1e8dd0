package dev.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A plain start of the server skips picocli, starting it with arguments builds only {@code serve}, and every other
 * command line gets the whole tree; each behaves as the whole tree does.
 */
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

    @Test
    void onlyAPlainStartOfTheServerSkipsPicocli() {
        assertThat(NexusCommand.servesWithoutParsing(new String[0])).isTrue();
        assertThat(NexusCommand.servesWithoutParsing(new String[] {"serve"})).isTrue();
        assertThat(NexusCommand.servesWithoutParsing(new String[] {"serve", "--help"})).isFalse();
        assertThat(NexusCommand.servesWithoutParsing(new String[] {"--help"})).isFalse();
        assertThat(NexusCommand.servesWithoutParsing(new String[] {"keys", "list"})).isFalse();
    }

    @Test
    void serveWithoutPicocliFailsAsTheCommandLineDoes() {
        Map<String, String> env = Map.of("PORT", "not-a-port");
        StringWriter out = new StringWriter();
        int code = NexusCommand.serve(env, HERE, new PrintWriter(out), new PrintWriter(out));
        assertThat(code + "\n" + out)
                .isEqualTo(run(NexusCommand.commandLine(env, HERE), "serve"))
                .isEqualTo(run(NexusCommand.commandLine(env, HERE)))
                .startsWith("2\nnexus: invalid PORT='not-a-port'");
    }

    private static String run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int code = cli.execute(args);
        return code + "\n" + out;
    }
}
