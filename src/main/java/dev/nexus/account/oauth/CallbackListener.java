package dev.nexus.account.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary HTTP listener a login's redirect comes back to: {@code GET /oauth-callback} (Google's; a ChatGPT login's is
 * {@code /auth/callback}) on 127.0.0.1 only
 * (never another interface), on the preferred port or, when that is busy, a free one. It serves exactly one login
 * attempt and closes itself once that attempt has ended — completed here or by a pasted URL, denied, or expired
 * after its lifetime. A callback with another state is refused and the listener keeps waiting.
 * Handlers run on virtual threads.
 */
public final class CallbackListener implements AutoCloseable {
    /** Google's callback path; {@link #open(int, String, Optional)} takes another provider's. */
    public static final String PATH = "/oauth-callback";
    private static final Logger LOG = LoggerFactory.getLogger(CallbackListener.class);
    /** The longest closing waits for a page still being written. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Optional<URI> dashboard;
    private final String path;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Guards {@link #answering}: requests being answered. Closing waits for them, so a result page is never cut off. */
    private final Object idle = new Object();
    private int answering;
    private volatile OAuthLogin login;
    private volatile LoginFlow flow;
    private volatile Runnable onClose = () -> {};

    private CallbackListener(HttpServer server, String path, Optional<URI> dashboard) {
        this.server = server;
        this.path = path;
        this.dashboard = dashboard;
        server.setExecutor(executor);
    }

    /**
     * Binds 127.0.0.1 on {@code preferredPort}, or on a free port when that one is taken (or is 0). Nothing is
     * served until {@link #serve}.
     *
     * @param dashboard where the result page links to, if anywhere
     */
    public static CallbackListener open(int preferredPort, Optional<URI> dashboard) throws IOException {
        return open(preferredPort, PATH, dashboard);
    }

    /** As {@link #open(int, Optional)}, answering the redirect at {@code path} (e.g. {@code /auth/callback}). */
    public static CallbackListener open(int preferredPort, String path, Optional<URI> dashboard) throws IOException {
        InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        HttpServer server = null;
        if (preferredPort > 0) {
            try {
                server = HttpServer.create(new InetSocketAddress(loopback, preferredPort), 0);
            } catch (BindException busy) {
                LOG.info("login callback port {} is in use; listening on a free port instead", preferredPort);
            }
        }
        if (server == null) {
            server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        }
        return new CallbackListener(server, path, dashboard);
    }

    /** The redirect URI a login on this listener must name (Google matches it exactly at the code exchange). */
    public URI redirectUri() {
        return redirectUri(server.getAddress().getPort(), path);
    }

    /** {@code http://localhost:<port>/oauth-callback}, the form Google accepts for installed-app clients. */
    public static URI redirectUri(int port) {
        return redirectUri(port, PATH);
    }

    /** {@code http://localhost:<port><path>}. */
    public static URI redirectUri(int port, String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /**
     * Starts answering callbacks for this attempt; closes when it has ended.
     *
     * @param onClose run once when the listener starts closing
     */
    public void serve(OAuthLogin login, LoginFlow flow, Runnable onClose) {
        this.login = login;
        this.flow = flow;
        this.onClose = onClose;
        server.createContext("/", this::handle);
        server.start();
        flow.whenSettled(this::closeIfIdle);
    }

    /**
     * Closes once the attempt has ended and no page is being written. Runs when the attempt ends and after every
     * answer, so whichever of the two comes last closes (a handler that itself ended the attempt closes after
     * its page, not during it).
     */
    private void closeIfIdle() {
        boolean none;
        synchronized (idle) {
            none = answering == 0;
        }
        if (none && flow.settled()) {
            close();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        synchronized (idle) {
            answering++;
        }
        try {
            answer(exchange);
        } finally {
            synchronized (idle) {
                answering--;
                idle.notifyAll();
            }
            closeIfIdle();
        }
    }

    /** Waits (briefly) until no page is being written. */
    private void awaitIdle() {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        synchronized (idle) {
            try {
                for (long left = CLOSE_WAIT.toNanos(); answering > 0 && left > 0; left = deadline - System.nanoTime()) {
                    idle.wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                send(exchange, 404, LoginPage.notFound(path, dashboard));
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, LoginPage.notFound(path, dashboard));
                return;
            }
            try {
                LoginResult result = login.complete(CallbackParams.fromQuery(exchange.getRequestURI().getRawQuery()), flow);
                send(exchange, 200, LoginPage.success(result, dashboard));
            } catch (LoginException e) {
                send(exchange, e.reason().status(), LoginPage.failure(e, dashboard));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        LoginPage.HEADERS.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Stops listening, after a page still being written is done (e.g. the CLI closing as soon as the login it
     * waited for succeeded); an attempt still waiting here is given up.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        onClose.run();
        LoginFlow served = flow;
        if (served != null && !served.settled()) {
            login.abandon(served, new LoginException(LoginException.Reason.UNAVAILABLE,
                    "the login's callback listener was closed before the browser came back (Nexus stopped); start a new login"));
        }
        if (served == null) {
            // The JDK server releases its bound socket only through its dispatcher thread, which start() creates;
            // with no context nothing can be answered meanwhile (the client gets a 404 at most).
            server.start();
        }
        awaitIdle();
        server.stop(0);
        executor.shutdown();
        LOG.debug("login callback listener on port {} closed", server.getAddress().getPort());
    }
}
