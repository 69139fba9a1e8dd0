package dev.nexus.server;

import dev.nexus.config.ConfigException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/**
 * Whether the server can listen where it is told to. Helidon logs a failed bind as a stack trace and returns a server
 * that is not running, so the address is tried first and a failure becomes one line naming the port and the fix.
 */
final class ListenAddress {
    private ListenAddress() {}

    /** Fails when {@code host:port} cannot be bound right now (a port another process holds, an address not local). */
    static void refuseBusy(String host, int port) {
        if (port == 0) {
            return; // any free port
        }
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, true); // as Helidon binds, so TIME_WAIT does not count
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw unusable(host, port, e.getMessage());
        }
    }

    /** The failure for a server that did not start although the address seemed free. */
    static ConfigException notListening(String host, int port) {
        return new ConfigException("could not listen on " + host + ":" + port + " (the log above says why; is another "
                + "process starting on port " + port + "? stop it, or set PORT)");
    }

    private static ConfigException unusable(String host, int port, String reason) {
        if (reason != null && reason.contains("in use")) {
            return new ConfigException("port " + port + " on " + host + " is already in use (stop the other process, or set PORT"
                    + " to a free port)");
        }
        return new ConfigException("cannot listen on " + host + ":" + port + ": " + reason
                + " (set HOST to an address of this machine, and PORT to a port this user may open)");
    }
}
