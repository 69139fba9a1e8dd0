package dev.nexus.cli;

import dev.nexus.config.ConfigException;
import picocli.CommandLine;

/** Turns expected failures into one line on stderr and an exit code; everything else keeps its stack trace. */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    static final int CONFIG = 2;
    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (e instanceof ConfigException || e instanceof UserError) {
            cli.getErr().println("nexus: " + e.getMessage());
            cli.getErr().flush();
            return e instanceof ConfigException ? CONFIG : FAILED;
        }
        cli.getErr().println("nexus: unexpected failure: " + e);
        e.printStackTrace(cli.getErr());
        cli.getErr().flush();
        return FAILED;
    }

    /** A command could not do what was asked; the message says why and what to do instead. */
    static final class UserError extends RuntimeException {
        UserError(String message) {
            super(message, null, false, false);
        }
    }
}
