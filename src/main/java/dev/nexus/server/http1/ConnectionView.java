package dev.nexus.server.http1;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The connection as Helidon's HTTP/1 connection is given it: Helidon's own context, but reading through a
 * {@link RequestReader} and writing through a {@link ResponseWriter}, and carrying the connection's {@link Progress}
 * for the listeners Helidon calls with this context.
 */
final class ConnectionView implements ConnectionContext {
    private final ConnectionContext helidon;
    private final DataReader reader;
    private final DataWriter writer;
    private final Progress progress;

    ConnectionView(ConnectionContext helidon, DataReader reader, DataWriter writer, Progress progress) {
        this.helidon = helidon;
        this.reader = reader;
        this.writer = writer;
        this.progress = progress;
    }

    Progress progress() {
        return progress;
    }

    @Override
    public DataReader dataReader() {
        return reader;
    }

    @Override
    public DataWriter dataWriter() {
        return writer;
    }

    @Override
    public ListenerContext listenerContext() {
        return helidon.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return helidon.executor();
    }

    @Override
    public Router router() {
        return helidon.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return helidon.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return helidon.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
        return helidon.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return helidon.localPeer();
    }

    @Override
    public boolean isSecure() {
        return helidon.isSecure();
    }

    @Override
    public String socketId() {
        return helidon.socketId();
    }

    @Override
    public String childSocketId() {
        return helidon.childSocketId();
    }
}
