package dev.nexus.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.common.tls.Tls;
import io.helidon.webclient.api.ClientConnection;
import io.helidon.webclient.api.WebClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeptConnectionsTest {
    private ServerSocket listener;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private KeptConnections kept;
    private URI uri;

    @BeforeEach
    void start() throws IOException {
        listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    accepted.add(listener.accept());
                } catch (IOException e) {
                    return;
                }
            }
        });
        uri = URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/v1/chat/completions");
        kept = new KeptConnections(WebClient.builder().connectTimeout(Duration.ofSeconds(5)).build(),
                Tls.builder().enabled(false).build(), now::get);
    }

    @AfterEach
    void stop() throws IOException {
        kept.close();
        listener.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    /** Whether the server's end of the connection sees it closed (the client's socket cannot tell once closed). */
    private boolean closed(int clientPort) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (Socket s : accepted) {
                if (s.getPort() == clientPort) {
                    s.setSoTimeout(200);
                    try {
                        return s.getInputStream().read() == -1;
                    } catch (java.net.SocketTimeoutException open) {
                        return false;
                    }
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no accepted connection from port " + clientPort);
    }

    private static int port(ClientConnection c) {
        return c.helidonSocket().localPeer().port();
    }

    @Test
    void aReturnedConnectionServesTheNextCall() {
        ClientConnection first = kept.take(uri);
        first.releaseResource();
        assertThat(kept.idleCount()).isEqualTo(1);
        assertThat(kept.take(uri)).isSameAs(first);
        assertThat(kept.idleCount()).isZero();
    }

    @Test
    void callsAtTheSameTimeGetConnectionsOfTheirOwn() {
        ClientConnection first = kept.take(uri);
        ClientConnection second = kept.take(uri);
        assertThat(second).isNotSameAs(first);
        assertThat(kept.open(uri)).isNotSameAs(first).isNotSameAs(second);
    }

    @Test
    void theMostRecentlyReturnedGoesFirst() {
        ClientConnection a = kept.take(uri);
        ClientConnection b = kept.take(uri);
        a.releaseResource();
        b.releaseResource();
        assertThat(kept.take(uri)).isSameAs(b);
        assertThat(kept.take(uri)).isSameAs(a);
    }

    @Test
    void aConnectionIdleForLongerThanTheLimitIsClosedNotUsed() throws IOException {
        ClientConnection old = kept.take(uri);
        int oldPort = port(old);
        old.releaseResource();
        now.addAndGet(KeptConnections.IDLE_LIMIT_NANOS + 1);
        ClientConnection fresh = kept.take(uri);
        assertThat(fresh).isNotSameAs(old);
        assertThat(closed(oldPort)).isTrue();
        assertThat(closed(port(fresh))).isFalse();
    }

    @Test
    void theLeastRecentlyUsedIsClosedOnceTooOldEvenWhileNewerOnesServe() throws IOException {
        ClientConnection cold = kept.take(uri);
        ClientConnection hot = kept.take(uri);
        int coldPort = port(cold);
        cold.releaseResource();
        hot.releaseResource();
        // Load now needs one connection at a time: the hot one keeps serving, the cold one ages at the end.
        for (int i = 0; i < 3; i++) {
            now.addAndGet(KeptConnections.IDLE_LIMIT_NANOS / 2);
            ClientConnection used = kept.take(uri);
            assertThat(used).isSameAs(hot);
            used.releaseResource();
        }
        assertThat(closed(coldPort)).isTrue();
        assertThat(kept.idleCount()).isEqualTo(1);
    }

    @Test
    void atMostTheLimitWaitsPerDestinationAndTheRestAreClosed() throws IOException {
        List<ClientConnection> all = new java.util.ArrayList<>();
        for (int i = 0; i <= KeptConnections.PER_DESTINATION; i++) {
            all.add(kept.take(uri));
        }
        int lastPort = port(all.getLast());
        all.forEach(ClientConnection::releaseResource);
        assertThat(kept.idleCount()).isEqualTo(KeptConnections.PER_DESTINATION);
        assertThat(closed(lastPort)).isTrue();
        assertThat(closed(port(all.getFirst()))).isFalse();
    }

    @Test
    void aClosedPoolClosesWhatWaitsAndWhatComesBack() throws IOException {
        ClientConnection waiting = kept.take(uri);
        ClientConnection inUse = kept.take(uri);
        int waitingPort = port(waiting);
        int inUsePort = port(inUse);
        waiting.releaseResource();
        kept.close();
        assertThat(closed(waitingPort)).isTrue();
        inUse.releaseResource();
        assertThat(closed(inUsePort)).isTrue();
        assertThat(kept.idleCount()).isZero();
    }

    @Test
    void aConnectionClosedWhileInUseIsNotKept() {
        ClientConnection dropped = kept.take(uri);
        dropped.closeResource();
        dropped.releaseResource();
        assertThat(kept.idleCount()).isZero();
    }
}
