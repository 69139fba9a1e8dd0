package dev.nexus.server.http1;

import dev.nexus.config.Settings;
import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The listener's HTTP/1 connection selector: Helidon's own, with each connection guarded as this package describes.
 * Install it as the only selector (with protocol discovery off); close it after the server stops.
 */
public final class Http1Guard implements ServerConnectionSelector, AutoCloseable {
    private static final String HTTP_1_0 = " HTTP/1.0\r";

    private final Http1ConnectionSelector http1;
    private final Settings.ConnectionTimeouts timeouts;
    private final Watchdog watchdog;

    public Http1Guard(Settings.ConnectionTimeouts timeouts) {
        this.timeouts = timeouts;
        this.http1 = Http1ConnectionSelector.builder()
                .config(Http1Config.builder()
                        .addReceiveListener(ExchangeListener.REQUESTS)
                        .addSendListener(ExchangeListener.ANSWERS)
                        .build())
                .build();
        this.watchdog = new Watchdog(Stream.of(timeouts.idle(), timeouts.head(), timeouts.body()).min(Comparator.naturalOrder())
                .orElseThrow());
    }

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    /** Helidon's answer, except that an HTTP/1.0 request line is ours too. */
    @Override
    public Support supports(BufferData request) {
        Support helidon = http1.supports(request);
        if (helidon != Support.UNSUPPORTED) {
            return helidon;
        }
        request.rewind();
        int lf = request.indexOf((byte) '\n');
        return lf > 0 && request.readString(lf, StandardCharsets.US_ASCII).endsWith(HTTP_1_0) ? Support.SUPPORTED : helidon;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return new GuardedConnection(ctx, http1, timeouts, watchdog);
    }

    @Override
    public void close() {
        watchdog.close();
    }
}
