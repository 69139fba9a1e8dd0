package dev.nexus.server.http1;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;

/**
 * The connection's writer as Helidon's HTTP/1 connection sees it: buffers pass straight to the socket writer, except
 * the answer to an HTTP/1.0 request, which goes through {@link Http10Answer}.
 */
final class ResponseWriter implements DataWriter {
    private final DataWriter socket;
    private final Progress progress;
    private Http10Answer http10;

    ResponseWriter(DataWriter socket, Progress progress) {
        this.socket = socket;
        this.progress = progress;
    }

    @Override
    public void write(BufferData... buffers) {
        if (progress.isHttp10()) {
            socket.write(http10(buffers));
        } else {
            socket.write(buffers);
        }
    }

    @Override
    public void write(BufferData buffer) {
        if (progress.isHttp10()) {
            socket.write(http10(buffer));
        } else {
            socket.write(buffer);
        }
    }

    @Override
    public void writeNow(BufferData... buffers) {
        if (progress.isHttp10()) {
            socket.writeNow(http10(buffers));
        } else {
            socket.writeNow(buffers);
        }
    }

    @Override
    public void writeNow(BufferData buffer) {
        if (progress.isHttp10()) {
            socket.writeNow(http10(buffer));
        } else {
            socket.writeNow(buffer);
        }
    }

    @Override
    public void flush() {
        socket.flush();
    }

    @Override
    public void close() {
        socket.close();
    }

    private BufferData http10(BufferData... buffers) {
        return http10(BufferData.create(buffers));
    }

    private BufferData http10(BufferData buffer) {
        if (http10 == null) {
            http10 = new Http10Answer(); // a 1.0 exchange is the connection's last, so one answer per connection
        }
        return BufferData.create(http10.rewrite(buffer.readBytes()));
    }
}
