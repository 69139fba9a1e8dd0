package dev.nexus.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamHttpTest {
    private HttpServer server;
    private UpstreamHttp http;
    /** The client port of each request to {@code /done}: one port, one connection. */
    private final List<Integer> clientPorts = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Released by a test to let a held answer finish; held answers end when the server stops anyway. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger silentCalls = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hello", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"echo\":\"" + String.join("|", exchange.getRequestHeaders().get("X-Probe")) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Retry-After", "7");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/silent", exchange -> {
            silentCalls.incrementAndGet();
            await();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/stream", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                await();
            }
        });
        // Ten bytes 100 ms apart: a second in all, never silent for long.
        server.createContext("/drip", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 10; i++) {
                    out.write('0' + i);
                    out.flush();
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
                }
            }
        });
        server.createContext("/done", exchange -> {
            exchange.getRequestBody().readAllBytes();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        });
        server.start();
        http = new UpstreamHttp(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        release.countDown();
        http.close();
        server.stop(0);
    }

    private void await() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private UpstreamHttp.Request request(String method, String path, Duration headersTimeout) {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return new UpstreamHttp.Request(method, uri, List.of(Map.entry("X-Probe", "p1")),
                "{}".getBytes(StandardCharsets.UTF_8), headersTimeout);
    }

    @Test
    void anAnswerCarriesStatusHeadersAndBody() throws IOException {
        try (UpstreamHttp.Answer answer = http.send(request("POST", "/hello", Duration.ofSeconds(5)), "Test API")) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("RETRY-AFTER")).contains("7");
            assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"echo\":\"p1\"}");
        }
    }

    @Test
    void aHeaderGivenTwiceKeepsBothValues() throws IOException {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hello");
        UpstreamHttp.Request twice = new UpstreamHttp.Request("POST", uri,
                List.of(Map.entry("X-Probe", "a"), Map.entry("x-probe", "b")), new byte[0], Duration.ofSeconds(5));
        try (UpstreamHttp.Answer answer = http.send(twice, "Test API")) {
            String echo = new String(answer.body().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(echo).isIn("{\"echo\":\"a|b\"}", "{\"echo\":\"a,b\"}", "{\"echo\":\"a, b\"}");
        }
    }

    @Test
    void noHeadersWithinTheTimeoutIsATimeoutNamingTheUpstream() {
        assertThatThrownBy(() -> http.send(request("POST", "/silent", Duration.ofMillis(200)), "Test API"))
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessageStartingWith("Test API sent no response headers within 200 ms (gave up after ")
                .hasMessageEndingWith(" ms)");
    }

    @Test
    void aCallPastItsHeadersDeadlineIsNotSentAgain() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> http.send(request("POST", "/silent", Duration.ofMillis(300)), "Test API"))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(silentCalls.get()).as("the closed connection is not taken for a dropped one").isEqualTo(1);
        assertThat(http.calls().open()).isZero();
    }

    @Test
    void aVirtualThreadWaitingForHeadersIsBoundTooAndItsConnectionIsNotKept() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                http.send(request("POST", "/silent", Duration.ofMillis(200)), "Test API").close();
            } catch (IOException e) {
                failure.set(e);
            }
        }).join(Duration.ofSeconds(10));
        assertThat(failure.get()).isInstanceOf(HttpTimeoutException.class)
                .hasMessageStartingWith("Test API sent no response headers within 200 ms");
        try (UpstreamHttp.Answer next = http.send(request("POST", "/hello", Duration.ofSeconds(5)), "Test API")) {
            assertThat(next.status()).isEqualTo(200);
        }
    }

    @Test
    void aBodySilentForTheBoundEndsInATimeoutNotAnEnd() throws IOException {
        try (UpstreamHttp quick = new UpstreamHttp(Duration.ofSeconds(5), UpstreamHttp::defaultTls, Duration.ofMillis(300));
                UpstreamHttp.Answer answer = quick.send(request("POST", "/stream", Duration.ofSeconds(5)), "Test API")) {
            InputStream body = answer.body();
            byte[] first = new byte["data: one\n\n".length()];
            assertThat(body.readNBytes(first, 0, first.length)).isEqualTo(first.length);
            long started = System.nanoTime();
            assertThatThrownBy(body::read).isInstanceOf(HttpTimeoutException.class)
                    .hasMessage("Test API sent nothing for 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
            assertThat(quick.calls().open()).isZero();
        }
    }

    @Test
    void aBodyThatKeepsSendingIsNeverCutHoweverLongItTakes() throws IOException {
        try (UpstreamHttp quick = new UpstreamHttp(Duration.ofSeconds(5), UpstreamHttp::defaultTls, Duration.ofMillis(300));
                UpstreamHttp.Answer answer = quick.send(request("POST", "/drip", Duration.ofSeconds(5)), "Test API")) {
            assertThat(new String(answer.readAll(), StandardCharsets.UTF_8)).isEqualTo("0123456789");
        }
    }

    @Test
    void aRefusedConnectionIsACheckedIOException() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        UpstreamHttp.Request refused = new UpstreamHttp.Request("GET", URI.create("http://127.0.0.1:" + closedPort + "/"),
                List.of(), new byte[0], Duration.ofSeconds(2));
        assertThatThrownBy(() -> http.send(refused, "Test API")).isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void anInterruptedWaitIsAnInterruptedIOException() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                http.send(request("POST", "/silent", Duration.ofSeconds(20)), "Test API").close();
            } catch (IOException e) {
                failure.set(e);
            }
        });
        // Interrupt until the call gives up: an interrupt before the socket read starts must not be lost either.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (caller.isAlive() && System.nanoTime() < deadline) {
            caller.interrupt();
            caller.join(Duration.ofMillis(50));
        }
        assertThat(caller.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(InterruptedIOException.class);
    }

    @Test
    void httpsUpstreamsAreTrustedOnlyWithAValidCertificateForTheirName(@TempDir Path dir) throws Exception {
        TlsUpstream right = TlsUpstream.start(dir.resolve("right.p12"), "dns:localhost");
        TlsUpstream wrong = TlsUpstream.start(dir.resolve("wrong.p12"), "dns:upstream.invalid");
        try (UpstreamHttp trustsRight = new UpstreamHttp(Duration.ofSeconds(5), right.trusting);
                UpstreamHttp trustsWrong = new UpstreamHttp(Duration.ofSeconds(5), wrong.trusting);
                UpstreamHttp jvmDefault = new UpstreamHttp(Duration.ofSeconds(5))) {
            try (UpstreamHttp.Answer answer = trustsRight.send(get("https://localhost:" + right.port() + "/hello"), "Test API")) {
                assertThat(answer.status()).isEqualTo(200);
                assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("secure");
            }
            // A trusted certificate for another name is refused.
            assertThatThrownBy(() -> trustsWrong.send(get("https://localhost:" + wrong.port() + "/hello"), "Test API"))
                    .isInstanceOf(IOException.class).hasMessageContaining("localhost");
            // The JVM's default trust store does not know the test certificate.
            assertThatThrownBy(() -> jvmDefault.send(get("https://localhost:" + right.port() + "/hello"), "Test API"))
                    .isInstanceOf(IOException.class);
        } finally {
            right.server.stop(0);
            wrong.server.stop(0);
        }
    }

    /** An HTTPS server with a fresh self-signed certificate for {@code san}, and a client context trusting it. */
    private record TlsUpstream(HttpsServer server, SSLContext trusting) {
        int port() {
            return server.getAddress().getPort();
        }

        static TlsUpstream start(Path store, String san) throws Exception {
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "upstream", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=upstream",
                    "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(keytool.exitValue()).as(output).isZero();
            KeyStore keys = KeyStore.getInstance(store.toFile(), "changeit".toCharArray());
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, "changeit".toCharArray());
            SSLContext serverTls = SSLContext.getInstance("TLS");
            serverTls.init(keyManagers.getKeyManagers(), null, null);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(keys);
            SSLContext trusting = SSLContext.getInstance("TLS");
            trusting.init(null, trustManagers.getTrustManagers(), null);

            // Every local address, so "localhost" reaches it whichever address the name resolves to first.
            HttpsServer https = HttpsServer.create(new InetSocketAddress(0), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(serverTls));
            https.createContext("/hello", exchange -> {
                byte[] body = "secure".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            https.start();
            return new TlsUpstream(https, trusting);
        }
    }

    private static UpstreamHttp.Request get(String uri) {
        return new UpstreamHttp.Request("GET", URI.create(uri), List.of(), new byte[0], Duration.ofSeconds(5));
    }

    @Test
    void aStreamFinishedAfterItsEndMarkerKeepsItsConnection() throws IOException {
        byte[] done = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            try (UpstreamHttp.Answer answer = http.send(request("POST", "/done", Duration.ofSeconds(5)), "Test API")) {
                // Read exactly the marker, as an SSE reader stops there; the chunked body's end is still unread.
                assertThat(answer.body().readNBytes(done.length)).isEqualTo(done);
                answer.finish();
            }
        }
        assertThat(clientPorts).hasSize(3);
        assertThat(java.util.Set.copyOf(clientPorts)).as("one connection for the three calls").hasSize(1);
    }

    @Test
    void closingAStreamMidWayDoesNotWaitForItsEnd() throws IOException {
        UpstreamHttp.Answer answer = http.send(request("POST", "/stream", Duration.ofSeconds(5)), "Test API");
        InputStream body = answer.body();
        byte[] first = new byte["data: one\n\n".length()];
        assertThat(body.readNBytes(first, 0, first.length)).isEqualTo(first.length);
        long started = System.nanoTime();
        answer.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        // The dropped connection is not reused: the next call still works.
        try (UpstreamHttp.Answer next = http.send(request("POST", "/hello", Duration.ofSeconds(5)), "Test API")) {
            assertThat(next.status()).isEqualTo(200);
        }
    }

    @Test
    void aCutWakesACallWaitingForHeadersAndLeavesTheThreadUninterrupted() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                http.send(request("POST", "/silent", Duration.ofSeconds(20)), "Test API").close();
            } catch (IOException e) {
                failure.set(e);
            }
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        awaitOpenCalls(1);

        http.calls().cutAll("shutting down for the test");

        assertThat(caller.join(Duration.ofSeconds(5))).isTrue();
        assertThat(failure.get()).isInstanceOf(CallsInFlight.Cut.class).hasMessage("shutting down for the test");
        // The interrupt was the cut's own signal: left set, the thread's next write to its client would fail.
        assertThat(interruptedAfter.get()).isFalse();
        assertThat(http.calls().open()).isZero();
    }

    @Test
    void aCutEndsAStreamingBodyWithACutNotAnEnd() throws Exception {
        UpstreamHttp.Answer answer = http.send(request("GET", "/stream", Duration.ofSeconds(5)), "Test API");
        InputStream body = answer.body();
        byte[] first = new byte[11];
        assertThat(body.readNBytes(first, 0, 11)).isEqualTo(11);
        assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("data: one\n\n");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                body.read();
            } catch (IOException e) {
                failure.set(e);
            }
        });
        http.calls().cutAll("cut for the test");

        assertThat(reader.join(Duration.ofSeconds(5))).isTrue();
        assertThat(failure.get()).isInstanceOf(CallsInFlight.Cut.class).hasMessage("cut for the test");
        answer.close();
        assertThat(http.calls().open()).isZero();
    }

    @Test
    void afterACutNoCallStarts() {
        http.calls().cutAll("no more calls");
        assertThatThrownBy(() -> http.send(request("POST", "/hello", Duration.ofSeconds(5)), "Test API"))
                .isInstanceOf(CallsInFlight.Cut.class).hasMessage("no more calls");
    }

    @Test
    void callsLeaveTheRegistryWhenTheirAnswerIsReadOrClosed() throws IOException {
        try (UpstreamHttp.Answer answer = http.send(request("POST", "/hello", Duration.ofSeconds(5)), "Test API")) {
            assertThat(http.calls().open()).isOne();
            answer.readAll();
        }
        assertThat(http.calls().open()).isZero();
        assertThatThrownBy(() -> http.send(request("POST", "/silent", Duration.ofMillis(100)), "Test API"))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(http.calls().open()).isZero();
    }

    private void awaitOpenCalls(int count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (http.calls().open() != count) {
            assertThat(System.nanoTime()).as("calls open: " + http.calls().open()).isLessThan(end);
            Thread.sleep(10);
        }
    }

    /**
     * An upstream that answers one request on a connection and then drops the connection when the next one arrives:
     * what a kept connection looks like when the upstream closed it while it sat in the pool.
     */
    @Test
    void aKeptConnectionTheUpstreamDroppedIsReplacedAndTheRequestAnswered() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
            Thread server = Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try {
                        java.net.Socket socket = listener.accept();
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> serveOnceThenDrop(socket, requests));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            URI uri = URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/kept");
            UpstreamHttp.Request request = new UpstreamHttp.Request("POST", uri, List.of(), "{}".getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(5));
            try (UpstreamHttp.Answer first = http.send(request, "Test API")) {
                assertThat(new String(first.readAll(), StandardCharsets.UTF_8)).isEqualTo("ok");
            }
            try (UpstreamHttp.Answer second = http.send(request, "Test API")) {
                assertThat(second.status()).isEqualTo(200);
                assertThat(new String(second.readAll(), StandardCharsets.UTF_8)).isEqualTo("ok");
            }
            assertThat(connections.get()).as("the dropped connection was replaced").isEqualTo(2);
            assertThat(requests.get()).as("the unanswered request went once more").isEqualTo(3);
            listener.close();
            server.join(Duration.ofSeconds(5));
        }
    }

    @Test
    void onlyAConnectionClosedBeforeTheAnswerCountsAsDropped() {
        assertThat(UpstreamHttp.closedBeforeAnswer(new RuntimeException(
                new io.helidon.common.buffers.DataReader.InsufficientDataAvailableException()))).isTrue();
        assertThat(UpstreamHttp.closedBeforeAnswer(new java.io.UncheckedIOException(new java.net.SocketException("Connection reset"))))
                .isTrue();
        assertThat(UpstreamHttp.closedBeforeAnswer(new java.io.UncheckedIOException(new java.net.ConnectException("Connection refused"))))
                .isFalse();
        assertThat(UpstreamHttp.closedBeforeAnswer(new java.io.UncheckedIOException(new java.net.SocketTimeoutException("Read timed out"))))
                .isFalse();
        assertThat(UpstreamHttp.closedBeforeAnswer(new IllegalStateException("something else"))).isFalse();
    }

    /** Answers the first request with keep-alive; reads the second and closes without a word. */
    private static void serveOnceThenDrop(java.net.Socket socket, java.util.concurrent.atomic.AtomicInteger requests) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int n = 0; n < 2; n++) {
                if (!readRequest(in)) {
                    return;
                }
                requests.incrementAndGet();
                if (n == 1) {
                    return;
                }
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** Reads one request's head and its Content-Length body; false at the end of the connection. */
    private static boolean readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        if (b < 0) {
            return false;
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return true;
    }
}
