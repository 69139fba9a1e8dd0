package dev.nexus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.ApiKey;
import dev.nexus.account.ApiKeyRing;
import dev.nexus.provider.RelayResponse;
import dev.nexus.testing.SettableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyRelayTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final SettableClock clock = new SettableClock(NOW);
    private final KeyRelay relay = new KeyRelay(new ObjectMapper(), clock);
    private final ApiKeyRing ring = new ApiKeyRing("gemini", List.of("key-number-one-111111", "key-number-two-222222"), clock);
    /** Which key indexes were sent, in order. */
    private final List<Integer> sent = new ArrayList<>();
    private final List<Body> bodies = new ArrayList<>();
    /** What each key answers: status and body. */
    private final Map<Integer, Answer> answers = new HashMap<>();

    private record Answer(int status, String body, Map<String, List<String>> headers) {}

    /** A body that knows whether it was closed. */
    private static final class Body extends ByteArrayInputStream {
        boolean closed;

        Body(String text) {
            super(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static String quota(String retryDelay, String message) {
        return "{\"error\":{\"code\":429,\"message\":\"" + message + "\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":["
                + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" + retryDelay + "\"}]}}";
    }

    private void answer(int key, int status, String body) {
        answers.put(key, new Answer(status, body, Map.of()));
    }

    private KeyRelay.Result relay(String model) throws IOException {
        return relay(model, new RouteTrace());
    }

    private KeyRelay.Result relay(String model, RouteTrace trace) throws IOException {
        return relay.relay(ring, model, key -> {
            sent.add(key.index());
            Answer a = answers.getOrDefault(key.index(), new Answer(200, "{\"ok\":true}", Map.of()));
            Body body = new Body(a.body());
            bodies.add(body);
            return new RelayResponse(a.status(), a.headers(), body);
        }, trace);
    }

    @Test
    void theFirstKeyServesWhenItAnswers() throws IOException {
        KeyRelay.Result result = relay("gemini-2.5-flash");

        assertThat(result).isInstanceOfSatisfying(KeyRelay.Result.Served.class, s -> {
            assertThat(s.key().index()).isZero();
            assertThat(s.response().status()).isEqualTo(200);
        });
        assertThat(bodies.get(0).closed).as("the caller relays the served body").isFalse();
        assertThat(sent).containsExactly(0);
    }

    @Test
    void a429MovesToTheNextKeyWhichThenServesLaterRequestsFirst() throws IOException {
        answer(0, 429, quota("7s", "You exceeded your current quota."));

        KeyRelay.Result first = relay("gemini-2.5-flash");

        assertThat(first).isInstanceOfSatisfying(KeyRelay.Result.Served.class, s -> assertThat(s.key().index()).isEqualTo(1));
        assertThat(bodies.get(0).closed).as("the 429 is closed").isTrue();
        assertThat(ring.candidates("gemini-2.5-flash").earliestReset()).contains(NOW.plusSeconds(7));

        answers.clear();
        relay("gemini-2.5-flash");
        relay("gemini-2.5-pro");
        assertThat(sent).containsExactly(0, 1, 1, 1);
    }

    @Test
    void theTraceShowsTheKeysTriedWithTheirMaskedLabels() throws IOException {
        answer(0, 429, quota("7s", "You exceeded your current quota."));
        RouteTrace trace = new RouteTrace();

        relay("gemini-2.5-flash", trace);

        assertThat(trace.render()).isEqualTo("gemini/gemini-2.5-flash@key2; tried gemini/gemini-2.5-flash@key1:429");
        assertThat(trace.last()).contains(new RouteTrace.Attempt("gemini", "gemini-2.5-flash", "key2", "key 2 (***…222222)"));
        assertThat(trace.clientModel()).isEqualTo("gemini-2.5-flash");
        RouteTrace list = new RouteTrace();
        relay("", list);
        assertThat(list.render()).isEqualTo("gemini@key2");
    }

    @Test
    void aRestingKeyIsNotAskedAgainUntilItsResetPasses() throws IOException {
        answer(0, 429, quota("7s", "slow down"));
        answer(1, 429, quota("30s", "slow down"));
        relay("m");
        sent.clear();
        answers.clear();

        assertThat(relay("m")).isInstanceOf(KeyRelay.Result.AllLimited.class);
        assertThat(sent).isEmpty();

        clock.advance(Duration.ofSeconds(7));
        assertThat(relay("m")).isInstanceOfSatisfying(KeyRelay.Result.Served.class, s -> assertThat(s.key().index()).isZero());
    }

    @Test
    void whenEveryKeyIsLimitedTheEarliestResetAndTheLastMessageAreReported() throws IOException {
        answer(0, 429, quota("40s", "first key's quota"));
        answer(1, 429, quota("7.5s", "Please retry in 7.5s."));

        KeyRelay.Result result = relay("m");

        assertThat(result).isInstanceOfSatisfying(KeyRelay.Result.AllLimited.class, all -> {
            assertThat(all.earliestReset()).isEqualTo(NOW.plusMillis(7500));
            assertThat(all.retryAfterSeconds()).isEqualTo(8);
            assertThat(all.lastMessage()).isEqualTo("Please retry in 7.5s.");
        });
        assertThat(sent).containsExactly(0, 1);
        assertThat(bodies).allSatisfy(b -> assertThat(b.closed).isTrue());
    }

    @Test
    void withoutAHintAKeyRestsSixtySecondsAndRetryAfterCountsAsAHint() throws IOException {
        answers.put(0, new Answer(429, "{\"error\":{\"code\":429,\"message\":\"busy\"}}", Map.of("retry-after", List.of("12"))));
        answer(1, 429, "not json");

        KeyRelay.Result result = relay("m");

        assertThat(result).isInstanceOfSatisfying(KeyRelay.Result.AllLimited.class,
                all -> assertThat(all.lastMessage()).isEqualTo("not json"));
        assertThat(ring.candidates("m").earliestReset()).contains(NOW.plusSeconds(12));
        clock.advance(Duration.ofSeconds(12));
        assertThat(ring.candidates("m").ready()).extracting(ApiKey::index).containsExactly(0);
        clock.advance(dev.nexus.provider.GoogleFailures.DEFAULT_REST.minusSeconds(12));
        assertThat(ring.candidates("m").ready()).extracting(ApiKey::index).containsExactly(0, 1);
    }

    @Test
    void otherErrorsAreTheAnswerAndDoNotSwitchKeys() throws IOException {
        answer(0, 503, "{\"error\":{\"code\":503,\"message\":\"overloaded\",\"status\":\"UNAVAILABLE\"}}");

        assertThat(relay("m")).isInstanceOfSatisfying(KeyRelay.Result.Served.class, s -> assertThat(s.response().status()).isEqualTo(503));
        assertThat(sent).containsExactly(0);
    }

    @Test
    void aTransportFailurePropagatesWithoutRestingTheKey() {
        assertThatThrownBy(() -> relay.relay(ring, "m", key -> {
            throw new ConnectException("refused");
        })).isInstanceOf(ConnectException.class);
        assertThat(ring.candidates("m").ready()).hasSize(2);
    }

    @Test
    void anEmptyRingIsTheCallersToAnswer() {
        ApiKeyRing empty = new ApiKeyRing("vertex", List.of(), clock);
        assertThatThrownBy(() -> relay.relay(empty, "m", key -> null)).isInstanceOf(IllegalArgumentException.class);
    }
}
