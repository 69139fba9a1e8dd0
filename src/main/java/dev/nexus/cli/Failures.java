package dev.nexus.cli;

import dev.nexus.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Turns expected failures into one line on stderr and an exit code; everything else keeps its stack trace. */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    static final int CONFIG = 2;
    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        return report(e, cli.getErr());
    }

    /** Reports {@code e} on {@code err} and returns the exit code; also for a start of the server without picocli. */
    static int report(Exception e, PrintWriter err) {
        if (e instanceof ConfigException || e instanceof UserError) {
            err.println("nexus: " + e.getMessage());
            err.flush();
            return e instanceof ConfigException ? CONFIG : FAILED;
        }
        err.println("nexus: unexpected failure: " + e);
        e.printStackTrace(err);
        err.flush();
        return FAILED;
    }

    /** A command could not do what was asked; the message says why and what to do instead. */
    static final class UserError extends RuntimeException {
        UserError(String message) {
            super(message, null, false, false);
        }
    }
}
