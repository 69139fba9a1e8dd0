package dev.nexus.account.oauth;

import static dev.nexus.testing.NexusHarness.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexus.testing.TestBrowser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temporary listener Google's redirect comes back to: where it listens, what it answers, when it goes away. */
class CallbackListenerTest {
    private static final Optional<URI> DASHBOARD = Optional.of(URI.create("http://127.0.0.1:8080/"));

    @TempDir
    Path dir;
    private LoginRig rig;
    private final TestBrowser browser = new TestBrowser();

    @AfterEach
    void stop() {
        browser.close();
        if (rig != null) {
            rig.close();
        }
    }

    private LoginRig rig(int callbackPort, Duration lifetime) {
        rig = new LoginRig(dir, lifetime, callbackPort);
        rig.google.addAccount("alice@example.com", "proj-alice");
        return rig;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void theListenerBindsOnlyLoopbackOnThePreferredPort() throws Exception {
        int port = freePort();
        LoginAttempt attempt = rig(port, LoginFlows.LIFETIME).logins.startWithListener(DASHBOARD, rig.client);

        assertThat(attempt.flow().redirectUri()).hasToString("http://localhost:" + port + "/oauth-callback");
        assertThat(accepts(InetAddress.getByName("127.0.0.1"), port)).isTrue();
        Optional<InetAddress> lan = nonLoopbackAddress();
        if (lan.isPresent()) {
            assertThat(accepts(lan.get(), port)).as("reachable on " + lan.get()).isFalse();
        }
    }

    @Test
    void aBusyPreferredPortFallsBackToAFreeOne() throws Exception {
        try (ServerSocket occupant = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LoginAttempt attempt = rig(occupant.getLocalPort(), LoginFlows.LIFETIME).logins.startWithListener(DASHBOARD, rig.client);

            int port = attempt.flow().redirectUri().getPort();
            assertThat(port).isNotEqualTo(occupant.getLocalPort()).isPositive();
            HttpResponse<String> page = browser.get(browser.consent(attempt.consentUrl()));
            assertThat(page.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theListenerShowsTheResultAndClosesAfterItsLoginSucceeded() throws Exception {
        LoginAttempt attempt = rig(0, LoginFlows.LIFETIME).logins.startWithListener(DASHBOARD, rig.client);
        int port = attempt.flow().redirectUri().getPort();

        HttpResponse<String> page = browser.get(browser.consent(attempt.consentUrl()));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("referrer-policy")).contains("no-referrer");
        assertThat(page.body()).contains("Account added", "<b>alice@example.com</b>", "proj-alice",
                "href=\"http://127.0.0.1:8080/\"");
        awaitTrue(Duration.ofSeconds(10), () -> !accepts(InetAddress.getLoopbackAddress(), port) && rig.logins.openListeners() == 0);
        assertThat(rig.storedAccounts()).hasSize(1);
    }

    @Test
    void aCallbackWithAnotherStateIsRefusedAndTheListenerKeepsWaiting() throws Exception {
        LoginAttempt attempt = rig(0, LoginFlows.LIFETIME).logins.startWithListener(DASHBOARD, rig.client);
        URI callback = browser.consent(attempt.consentUrl());

        HttpResponse<String> forged = browser.get(URI.create(callback.toString().replace(attempt.flow().state(), "forged")));

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("Unknown or finished login", "Start a new login");
        assertThat(rig.storedAccounts()).isEmpty();
        assertThat(browser.get(callback).statusCode()).isEqualTo(200);
        assertThat(rig.storedAccounts()).hasSize(1);
    }

    @Test
    void theListenerClosesWhenItsAttemptExpiresUnanswered() throws Exception {
        LoginAttempt attempt = rig(0, Duration.ofMillis(200)).logins.startWithListener(DASHBOARD, rig.client);
        int port = attempt.flow().redirectUri().getPort();

        assertThatThrownBy(() -> attempt.flow().await(Duration.ofSeconds(10))).isInstanceOfSatisfying(LoginException.class,
                e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.EXPIRED));
        awaitTrue(Duration.ofSeconds(10), () -> !accepts(InetAddress.getLoopbackAddress(), port) && rig.logins.openListeners() == 0);
    }

    @Test
    void theListenerClosesWhenItsAttemptIsFinishedByAPastedUrl() throws Exception {
        LoginAttempt attempt = rig(0, LoginFlows.LIFETIME).logins.startWithListener(DASHBOARD, rig.client);
        int port = attempt.flow().redirectUri().getPort();

        rig.logins.completePasted(browser.consent(attempt.consentUrl()).toString());

        awaitTrue(Duration.ofSeconds(10), () -> !accepts(InetAddress.getLoopbackAddress(), port));
    }

    @Test
    void otherPathsAndMethodsAreNotServed() throws Exception {
        LoginAttempt attempt = rig(0, LoginFlows.LIFETIME).logins.startWithListener(DASHBOARD, rig.client);
        URI base = attempt.flow().redirectUri();

        HttpResponse<String> other = browser.get(base.resolve("/favicon.ico"));

        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("/oauth-callback");
        assertThat(browser.get(base).statusCode()).as("a callback without state or code").isEqualTo(400);
        assertThat(attempt.flow().settled()).isFalse();
    }

    @Test
    void aLoginThatCannotStartLeavesNoListenerBehind() throws Exception {
        int port = freePort();
        LoginRig full = rig(port, LoginFlows.LIFETIME);
        for (int i = 0; i < LoginFlows.MAX_PENDING; i++) {
            full.flows.start(URI.create("http://localhost:1/oauth-callback"), full.client);
        }

        assertThatThrownBy(() -> full.logins.startWithListener(DASHBOARD, rig.client)).isInstanceOfSatisfying(LoginException.class,
                e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.UNAVAILABLE));
        assertThat(accepts(InetAddress.getLoopbackAddress(), port)).isFalse();
        assertThat(full.logins.openListeners()).isZero();
    }

    @Test
    void closingTheLoginsGivesUpAttemptsStillWaiting() throws Exception {
        LoginAttempt attempt = rig(0, LoginFlows.LIFETIME).logins.startWithListener(DASHBOARD, rig.client);

        rig.logins.close();

        assertThatThrownBy(() -> attempt.flow().await(Duration.ofSeconds(5))).isInstanceOfSatisfying(LoginException.class,
                e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.UNAVAILABLE));
        assertThat(rig.flows.pending()).isZero();
    }
}
