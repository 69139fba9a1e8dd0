package dev.nexus.server.http1;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.webserver.ServerConnectionException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The bytes a connection receives, as Helidon's reader pulls them (null at the end), with the connection's
 * {@link Progress} kept up to date. A read the watchdog cut ends in a {@link ReadTimeout} that says why.
 */
final class SocketInput implements Supplier<byte[]> {
    private final HelidonSocket socket;
    private final Progress progress;
    /** Bytes Helidon's own reader took before the connection was handed over (only when it had to sniff a protocol). */
    private byte[] buffered;

    SocketInput(HelidonSocket socket, DataReader helidonReader, Progress progress) {
        this.socket = socket;
        this.progress = progress;
        int available = helidonReader.available();
        this.buffered = available > 0 ? helidonReader.readBytes(available) : null;
    }

    @Override
    public byte[] get() {
        if (buffered != null) {
            byte[] first = buffered;
            buffered = null;
            return first;
        }
        progress.readStarting(progress.readingRequestLine());
        byte[] bytes;
        try {
            bytes = socket.get();
        } catch (UncheckedIOException e) {
            progress.readEnded(false);
            String expired = progress.expired();
            if (expired != null) {
                throw new ReadTimeout(expired, e);
            }
            throw new ServerConnectionException("the socket failed while reading", e);
        }
        progress.readEnded(bytes != null);
        if (bytes == null && progress.expired() != null) {
            throw new ReadTimeout(progress.expired(), null);
        }
        return bytes;
    }
}
