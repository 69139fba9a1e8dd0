package dev.nexus.upstream;

import io.helidon.common.tls.Tls;
import io.helidon.webclient.api.ClientConnection;
import io.helidon.webclient.api.ClientUri;
import io.helidon.webclient.api.ConnectionKey;
import io.helidon.webclient.api.TcpClientConnection;
import io.helidon.webclient.api.WebClient;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.LongSupplier;

/**
 * The upstream connections kept open between calls, per destination (scheme, host, port): the one most recently
 * returned is used first, so a few hot connections serve a steady load and the rest age out.
 *
 * <p>Why not Helidon's own cache: it puts every returned connection under an idle watch — a virtual thread started per
 * return that blocks in a timed one-byte read until the next call takes the connection — which cost about 10 µs of CPU
 * a call on the fast path (bench/README.md). Here a returned connection just waits. A connection the upstream closed
 * while it waited is found out when used: the call fails before any answer, and {@link UpstreamHttp} sends it once more
 * on a new connection. Connections idle for longer than {@link #IDLE_LIMIT_NANOS} are closed rather than tried, since most
 * servers drop theirs sooner (the JDK's HTTP client keeps its own for the same 30 s).
 */
final class KeptConnections implements AutoCloseable {
    /** Idle connections kept per destination; more are closed when returned. */
    static final int PER_DESTINATION = 64;
    /** 30 s. */
    static final long IDLE_LIMIT_NANOS = 30_000_000_000L;
    private static final List<String> ALPN = List.of("http/1.1");
    private static final Tls PLAIN = Tls.builder().enabled(false).build();

    private final WebClient connector;
    private final Tls tls;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<Destination, LinkedBlockingDeque<Idle>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param connector opens sockets with its socket options, connect timeout, DNS resolver and proxy
     * @param tls for {@code https} destinations
     */
    KeptConnections(WebClient connector, Tls tls, LongSupplier nanoTime) {
        this.connector = connector;
        this.tls = tls;
        this.nanoTime = nanoTime;
    }

    private record Destination(String scheme, String host, int port) {
        static Destination of(URI uri) {
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return new Destination(scheme, uri.getHost(), port);
        }
    }

    private record Idle(TcpClientConnection connection, long since) {}

    /** A kept connection to the URI's destination when one is open, else a new one. */
    ClientConnection take(URI uri) {
        Destination destination = Destination.of(uri);
        LinkedBlockingDeque<Idle> waiting = idle.get(destination);
        if (waiting != null) {
            long now = nanoTime.getAsLong();
            Idle candidate;
            while ((candidate = waiting.pollFirst()) != null) {
                if (now - candidate.since() <= IDLE_LIMIT_NANOS && candidate.connection().isConnected()) {
                    return candidate.connection();
                }
                // The most recent is too old or gone: the older ones behind it are too.
                candidate.connection().closeResource();
            }
        }
        return open(destination);
    }

    /** A new connection to the URI's destination, kept like any other once its answer is read. */
    ClientConnection open(URI uri) {
        return open(Destination.of(uri));
    }

    private ClientConnection open(Destination destination) {
        if (closed) {
            throw new IllegalStateException("the upstream client is closed");
        }
        ClientUri where = ClientUri.create(URI.create(destination.scheme() + "://" + hostPart(destination.host()) + ":" + destination.port()));
        ConnectionKey key = ConnectionKey.create(destination.scheme(), where.host(), destination.port(),
                destination.scheme().equals("https") ? tls : PLAIN, connector.prototype().dnsResolver(),
                connector.prototype().dnsAddressLookup(), connector.prototype().proxy());
        return TcpClientConnection.create(connector, key, ALPN, returned -> keep(destination, returned), gone -> {}).connect();
    }

    private static String hostPart(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Helidon's release hook: true keeps the connection, false has Helidon close it. */
    private boolean keep(Destination destination, TcpClientConnection connection) {
        if (closed || !connection.isConnected()) {
            return false;
        }
        LinkedBlockingDeque<Idle> waiting = idle.computeIfAbsent(destination, d -> new LinkedBlockingDeque<>(PER_DESTINATION));
        long now = nanoTime.getAsLong();
        // The least recently used waits at the end; one past the limit is closed here, so a load that fell leaves no
        // idle sockets behind for long.
        Idle oldest = waiting.peekLast();
        if (oldest != null && now - oldest.since() > IDLE_LIMIT_NANOS && waiting.removeLastOccurrence(oldest)) {
            oldest.connection().closeResource();
        }
        if (!waiting.offerFirst(new Idle(connection, now))) {
            return false;
        }
        if (closed && waiting.remove(new Idle(connection, now))) {
            return false;
        }
        return true;
    }

    /** The idle connections open now, for tests. */
    int idleCount() {
        return idle.values().stream().mapToInt(LinkedBlockingDeque::size).sum();
    }

    /** Closes the idle connections; connections in use are closed when their answers end. */
    @Override
    public void close() {
        closed = true;
        idle.values().forEach(waiting -> {
            Idle next;
            while ((next = waiting.pollFirst()) != null) {
                next.connection().closeResource();
            }
        });
    }
}
