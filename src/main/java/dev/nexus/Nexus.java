package dev.nexus;

import dev.nexus.cli.NexusCommand;
import java.nio.file.Path;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Entry point of {@code nexus}: hands the arguments to the picocli command tree and exits with its code; a plain start of
 * the server ({@code nexus}, {@code nexus serve}) skips picocli, whose model costs start-up time.
 */
public final class Nexus {
    private Nexus() {}

    public static void main(String[] args) {
        // Must happen before the first logger exists: dev.nexus.logging.LogConfiguration reads NEXUS_LOG_LEVEL.
        String verbose = System.getenv().getOrDefault("NEXUS_VERBOSE", "").trim().toLowerCase(java.util.Locale.ROOT);
        if (System.getProperty("NEXUS_LOG_LEVEL") == null && java.util.Set.of("1", "true", "yes", "on").contains(verbose)) {
            System.setProperty("NEXUS_LOG_LEVEL", "DEBUG");
        }
        // Helidon logs through java.util.logging; route it into the one logging backend.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Path here = Path.of("").toAbsolutePath();
        int code = NexusCommand.servesWithoutParsing(args)
                ? NexusCommand.serve(System.getenv(), here)
                : NexusCommand.commandLineFor(args, System.getenv(), here).execute(args);
        if (code != 0 || !isServe(args)) {
            System.exit(code);
        }
    }

    private static boolean isServe(String[] args) {
        return args.length == 0 || args[0].equals("serve");
    }
}
