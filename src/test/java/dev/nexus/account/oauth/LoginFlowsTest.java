package dev.nexus.account.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexus.testing.SettableClock;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoginFlowsTest {
    private static final URI REDIRECT = URI.create("http://localhost:51121/oauth-callback");
    private static final OAuthClientProfile CLIENT = new OAuthClients(java.util.Optional.empty(), java.util.Optional.empty())
            .defaultProfile();

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final LoginFlows flows = new LoginFlows(clock, new SecureRandom(), LoginFlows.LIFETIME);

    @Test
    void everyAttemptGetsItsOwnRandomStateAndVerifier() throws Exception {
        Set<String> states = new HashSet<>();
        Set<String> verifiers = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            LoginFlow flow = flows.start(REDIRECT, CLIENT);
            states.add(flow.state());
            verifiers.add(flow.pkce().verifier());
            assertThat(flow.state()).matches("[A-Za-z0-9_-]{43}");
            assertThat(flow.expiresAt()).isEqualTo(flow.startedAt().plus(Duration.ofMinutes(5)));
            assertThat(flow.toString()).doesNotContain(flow.state());
            flows.claim(flow.state());
        }
        assertThat(states).hasSize(10);
        assertThat(verifiers).hasSize(10);
    }

    @Test
    void aStateCanBeClaimedOnlyOnce() throws Exception {
        LoginFlow flow = flows.start(REDIRECT, CLIENT);

        assertThat(flows.claim(flow.state())).isSameAs(flow);
        assertThatThrownBy(() -> flows.claim(flow.state())).isInstanceOfSatisfying(LoginException.class,
                e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.UNKNOWN_STATE));
    }

    @Test
    void anUnknownStateIsRefusedWithoutTouchingWaitingAttempts() throws Exception {
        LoginFlow waiting = flows.start(REDIRECT, CLIENT);

        assertThatThrownBy(() -> flows.claim("not-a-state")).isInstanceOfSatisfying(LoginException.class,
                e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.UNKNOWN_STATE));
        assertThatThrownBy(() -> flows.claim(null)).isInstanceOf(LoginException.class);
        assertThat(flows.pending()).isOne();
        assertThat(waiting.settled()).isFalse();
    }

    @Test
    void anAttemptPastItsLifetimeIsRefusedAsExpiredAndEndsAsExpired() throws Exception {
        LoginFlow flow = flows.start(REDIRECT, CLIENT);
        clock.advance(Duration.ofMinutes(5));

        assertThatThrownBy(() -> flows.claim(flow.state())).isInstanceOfSatisfying(LoginException.class, e -> {
            assertThat(e.reason()).isEqualTo(LoginException.Reason.EXPIRED);
            assertThat(e.getMessage()).contains("5 minutes", "start a new one");
        });
        assertThat(flow.settled()).isTrue();
        assertThatThrownBy(() -> flow.await(Duration.ofSeconds(1))).isInstanceOfSatisfying(LoginException.class,
                e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.EXPIRED));
    }

    @Test
    void anAttemptNobodyAnswersEndsAsExpiredWhenItsLifetimeRunsOut() throws Exception {
        LoginFlows shortLived = new LoginFlows(clock, new SecureRandom(), Duration.ofMillis(100));
        LoginFlow flow = shortLived.start(REDIRECT, CLIENT);

        assertThatThrownBy(() -> flow.await(Duration.ofSeconds(10))).isInstanceOfSatisfying(LoginException.class,
                e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.EXPIRED));
        assertThat(shortLived.pending()).isZero();
    }

    @Test
    void aClaimForOneAttemptRefusesTheStateOfAnother() throws Exception {
        LoginFlow mine = flows.start(REDIRECT, CLIENT);
        LoginFlow other = flows.start(REDIRECT, CLIENT);

        assertThatThrownBy(() -> flows.claim(other.state(), mine)).isInstanceOfSatisfying(LoginException.class,
                e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.UNKNOWN_STATE));
        assertThat(flows.pending()).isEqualTo(2);
        assertThat(flows.claim(mine.state(), mine)).isSameAs(mine);
        assertThat(flows.claim(other.state())).isSameAs(other);
    }

    @Test
    void tooManyWaitingAttemptsAreRefusedUntilSomeExpire() throws Exception {
        for (int i = 0; i < LoginFlows.MAX_PENDING; i++) {
            flows.start(REDIRECT, CLIENT);
        }
        assertThatThrownBy(() -> flows.start(REDIRECT, CLIENT)).isInstanceOfSatisfying(LoginException.class,
                e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.UNAVAILABLE));

        clock.advance(Duration.ofMinutes(6));
        assertThat(flows.start(REDIRECT, CLIENT).state()).isNotBlank();
        assertThat(flows.pending()).isOne();
    }
}
