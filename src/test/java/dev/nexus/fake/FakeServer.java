package dev.nexus.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every fake upstream is underneath: a loopback HTTP server on virtual threads that records each request,
 * hands it to the first endpoint group serving its path (404 page otherwise), tracks open streams, and closes
 * without waiting out scripted delays.
 */
final class FakeServer implements AutoCloseable {
    private final String name;
    private final List<Endpoints> endpoints;
    private final OpenStreams openStreams;
    private final List<RecordedRequest> log = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final HttpServer server;
    private final ExecutorService executor;

    FakeServer(String name, OpenStreams openStreams, List<Endpoints> endpoints) {
        this.name = name;
        this.openStreams = openStreams;
        this.endpoints = List.copyOf(endpoints);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<RecordedRequest> requests() {
        return List.copyOf(log);
    }

    List<RecordedRequest> requests(String pathSuffix) {
        return log.stream().filter(r -> r.path().endsWith(pathSuffix)).toList();
    }

    int openStreams() {
        return openStreams.count();
    }

    boolean awaitNoOpenStreams(Duration timeout) {
        try {
            return openStreams.awaitNone(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        // Interrupts handlers parked in scripted delays, so closing never waits them out.
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        RecordedRequest request = new RecordedRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                exchange.getRemoteAddress().getPort());
        log.add(request);
        try {
            for (Endpoints group : endpoints) {
                if (group.serves(request.path())) {
                    group.handle(exchange, request);
                    return;
                }
            }
            Exchanges.notFoundPage(exchange, request.path());
        } catch (Exchanges.ConnectionDropped dropped) {
            throw dropped;
        } catch (RuntimeException bug) {
            // A fake that silently drops the connection on its own bug would look like a network fault to the test.
            System.err.println(name + " failed on " + request.method() + " " + request.path());
            bug.printStackTrace();
            throw bug;
        }
    }
}
