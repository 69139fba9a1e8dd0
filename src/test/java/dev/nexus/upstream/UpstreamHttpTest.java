package dev.nexus.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamHttpTest {
    private HttpServer server;
    private UpstreamHttp http;
    /** Released by a test to let a held answer finish; held answers end when the server stops anyway. */
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hello", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"echo\":\"" + exchange.getRequestHeaders().getFirst("X-Probe") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Retry-After", "7");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/silent", exchange -> {
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
    void noHeadersWithinTheTimeoutIsATimeoutNamingTheUpstream() {
        assertThatThrownBy(() -> http.send(request("POST", "/silent", Duration.ofMillis(200)), "Test API"))
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessage("Test API sent no response headers within 200 ms");
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
}
