package dev.nexus.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ObservationTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private static Observation observe(String path, boolean bodies) {
        return new Observation("rl_1", T0, 1_000_000_000L, "req_1", "POST", path, bodies);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theRecordCarriesTimingsRouteKeyAndUsage() {
        Observation o = observe("/v1/chat/completions", false);
        o.route(() -> new Route("gpt-4o", "google", "gemini-3-flash", "acc-1", "a***e@e***.com", "google/gemini-3-flash@acc-1"));
        o.key("env", "NEXUS_API_KEY");
        o.usage(3, 1);
        o.usage(12, 5);
        RequestRecord r = o.finish(200, 1_250_000_000L).record();
        assertThat(r.surface()).isEqualTo("openai.chat");
        assertThat(r.durationMs()).isEqualTo(250);
        assertThat(r.ttfbMs()).isNull();
        assertThat(r.clientModel()).isEqualTo("gpt-4o");
        assertThat(r.targetModel()).isEqualTo("gemini-3-flash");
        assertThat(r.account()).isEqualTo("a***e@e***.com");
        assertThat(r.keyName()).isEqualTo("NEXUS_API_KEY");
        assertThat(r.inputTokens()).isEqualTo(12);
        assertThat(r.outputTokens()).isEqualTo(5);
        assertThat(r.failed()).isFalse();
    }

    @Test
    void bodiesAreCapturedOnlyWhileBodyLoggingWasOn() {
        Observation off = observe("/v1/chat/completions", false);
        off.requestBody(utf8("{\"model\":\"m\"}"));
        off.responseBytes(200, utf8("{\"ok\":true}"));
        Pending none = off.finish(200, 2_000_000_000L);
        assertThat(none.complete().requestBody()).isNull();
        assertThat(none.complete().responseBody()).isNull();

        Observation on = observe("/v1/chat/completions", true);
        on.requestBody(utf8("{\"model\":\"m\",\"api_key\":\"sk-live-0123456789abcdef\"}"));
        on.responseBytes(200, utf8("data: {\"a\":1}\n\n"));
        on.responseBytes(200, utf8("data: [DONE]\n\n"));
        RequestRecord stored = on.finish(200, 2_000_000_000L).complete();
        assertThat(stored.requestBody()).isEqualTo("{\"model\":\"m\",\"api_key\":\"[redacted]\"}");
        assertThat(stored.responseBody()).isEqualTo("data: {\"a\":1}\n\ndata: [DONE]\n\n");
    }

    @Test
    void anErrorAnswersMessageBecomesTheErrorWhenNothingSaidItExplicitly() {
        Observation o = observe("/v1beta/models/gemini-2.5-flash:generateContent", false);
        o.responseBytes(403, utf8("{\"error\":{\"code\":403,\"message\":\"API key AIzaSyD-1234567890abcdefghij not valid\","
                + "\"status\":\"PERMISSION_DENIED\"}}"));
        RequestRecord r = o.finish(403, 2_000_000_000L).record();
        assertThat(r.error()).isEqualTo("API key AIza…[redacted] not valid");
        assertThat(r.surface()).isEqualTo("gemini-proxy");

        Observation explicit = observe("/v1/chat/completions", false);
        explicit.error("every account is rate limited");
        explicit.responseBytes(429, utf8("{\"error\":{\"message\":\"other text\"}}"));
        assertThat(explicit.finish(429, 2_000_000_000L).record().error()).isEqualTo("every account is rate limited");
    }

    @Test
    void theFirstByteCountsOnceAndTheRecordIsBuiltOnce() {
        Observation o = observe("/v1/chat/completions", false);
        o.firstByte();
        Long first = o.finish(200, System.nanoTime()).record().ttfbMs();
        assertThat(first).isNotNull();
        assertThat(o.finishOnce()).isTrue();
        assertThat(o.finishOnce()).isFalse();
    }

    @Test
    void anUnwatchedObservationIsNeverFinished() {
        Observation o = Observation.unwatched();
        o.error("x");
        o.requestBody(utf8("body"));
        assertThat(o.finishOnce()).isFalse();
    }
}
