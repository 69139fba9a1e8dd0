package dev.nexus.server.http1;

import io.helidon.webserver.CloseConnectionException;

/**
 * The server stopped waiting for the client (see {@link dev.nexus.config.Settings.ConnectionTimeouts}) and closed the
 * connection; the message says which wait ran out. A handler reading the body sees it and has nobody left to answer.
 */
public final class ReadTimeout extends CloseConnectionException {
    ReadTimeout(String reason, Throwable cause) {
        super(reason, cause);
    }
}
