package dev.nexus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nexus.config.Settings;
import dev.nexus.config.SettingsLoader;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nexus}: the root command. With no subcommand it serves. */
@Command(name = "nexus",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Self-hosted LLM gateway: OpenAI, Anthropic and Google dialects over pooled Google accounts.")
public final class NexusCommand implements Callable<Integer> {
    /**
     * The subcommands, in the order help lists them. They are added by code, not named in the annotation, so that
     * {@code serve} can be built alone: picocli reads every listed command's annotations by reflection when it builds
     * the tree, which cost a quarter of a second of the server's start.
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(ServeCommand.class, VersionCommand.class, KeysCommand.class,
            AccountsCommand.class, RoutesCommand.class, QuotaCommand.class, DoctorCommand.class, CommandLine.HelpCommand.class);

    private final Map<String, String> env;
    private final Path workingDirectory;
    private final InputStream stdin;
    /** Where {@link #out()} and {@link #err()} write when no picocli command line runs this command ({@link #serve}). */
    private final PrintWriter out;
    private final PrintWriter err;
    final SecureRandom random = new SecureRandom();
    final Clock clock;
    final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    public NexusCommand(Map<String, String> env, Path workingDirectory) {
        this(env, workingDirectory, System.in);
    }

    /** @param stdin what commands that read input (e.g. {@code accounts login --paste}) read from */
    public NexusCommand(Map<String, String> env, Path workingDirectory, InputStream stdin) {
        this(env, workingDirectory, stdin, Clock.systemUTC());
    }

    /** @param clock the time every cooldown, expiry and record uses; a test passes one it can move forward */
    public NexusCommand(Map<String, String> env, Path workingDirectory, InputStream stdin, Clock clock) {
        this(env, workingDirectory, stdin, clock, null, null);
    }

    private NexusCommand(Map<String, String> env, Path workingDirectory, InputStream stdin, Clock clock, PrintWriter out,
            PrintWriter err) {
        this.env = env;
        this.workingDirectory = workingDirectory;
        this.stdin = stdin;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /**
     * Whether {@code args} start the server with nothing to parse ({@code nexus} or {@code nexus serve}), so that
     * {@link #serve} may run them instead of a picocli command line.
     */
    public static boolean servesWithoutParsing(String[] args) {
        return args.length == 0 || args.length == 1 && args[0].equals("serve");
    }

    /**
     * Runs {@code serve} as {@code commandLineFor(args, ...).execute(args)} does for the arguments
     * {@link #servesWithoutParsing} accepts — same command, same failure lines and exit codes — without building
     * picocli's model. Picocli's classes are compiled for Java 5, which the AOT cache cannot hold, so each start parsed
     * and verified ~170 of them from the jar, and reading the commands' annotations made half a dozen annotation proxies:
     * together about 100 ms of the main thread before ready in an earlier profile. Help, versions and errors still come
     * from picocli.
     */
    public static int serve(Map<String, String> env, Path workingDirectory) {
        return serve(env, workingDirectory, console(System.out), console(System.err));
    }

    static int serve(Map<String, String> env, Path workingDirectory, PrintWriter out, PrintWriter err) {
        ServeCommand serve = new ServeCommand();
        serve.root = new NexusCommand(env, workingDirectory, System.in, Clock.systemUTC(), out, err);
        try {
            return serve.call();
        } catch (Exception e) {
            return Failures.report(e, err);
        }
    }

    /** As picocli makes its writers for standard output and error (it uses the default charset too). */
    private static PrintWriter console(PrintStream stream) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, Charset.defaultCharset())), true);
    }

    /** Builds the command line with Nexus's error handling: configuration errors print one line and exit 2. */
    public static CommandLine commandLine(Map<String, String> env, Path workingDirectory) {
        return commandLine(env, workingDirectory, System.in);
    }

    /** As {@link #commandLine(Map, Path)}, reading input from {@code stdin} instead of {@code System.in}. */
    public static CommandLine commandLine(Map<String, String> env, Path workingDirectory, InputStream stdin) {
        return commandLine(env, workingDirectory, stdin, Clock.systemUTC());
    }

    /** As {@link #commandLine(Map, Path, InputStream)}, on this clock. */
    public static CommandLine commandLine(Map<String, String> env, Path workingDirectory, InputStream stdin, Clock clock) {
        return commandLine(new NexusCommand(env, workingDirectory, stdin, clock), SUBCOMMANDS);
    }

    /**
     * The command line for running {@code args}: when they run the server ({@code serve}, or nothing), only the root and
     * {@code serve} are built, and they parse and behave as in the whole tree; anything else gets the whole tree.
     */
    public static CommandLine commandLineFor(String[] args, Map<String, String> env, Path workingDirectory) {
        boolean serve = args.length == 0 || args[0].equals("serve");
        return commandLine(new NexusCommand(env, workingDirectory), serve ? List.of(ServeCommand.class) : SUBCOMMANDS);
    }

    private static CommandLine commandLine(NexusCommand root, List<Class<?>> subcommands) {
        CommandLine cli = new CommandLine(root);
        subcommands.forEach(cli::addSubcommand);
        cli.setExecutionExceptionHandler(new Failures());
        return cli;
    }

    Settings settings() {
        return new SettingsLoader(env, workingDirectory).load();
    }

    /** The settings with some variables replaced, e.g. a private port for {@code nexus doctor}'s own server. */
    Settings settings(Map<String, String> overrides) {
        Map<String, String> changed = new java.util.HashMap<>(env);
        changed.putAll(overrides);
        return new SettingsLoader(changed, workingDirectory).load();
    }

    Path workingDirectory() {
        return workingDirectory;
    }

    NexusState openState(Settings settings) {
        return NexusState.open(settings, workingDirectory, random, clock);
    }

    InputStream in() {
        return stdin;
    }

    PrintWriter out() {
        return spec == null ? out : spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec == null ? err : spec.commandLine().getErr();
    }

    @Override
    public Integer call() {
        return spec.commandLine().execute("serve");
    }
}
