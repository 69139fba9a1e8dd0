package dev.nexus.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nexus.testing.CpuGrowth;
import org.junit.jupiter.api.Test;

class RedactionTest {
    private static final String GOOGLE_KEY = "AIzaSyD-1234567890abcdefghijklmnopqrs";
    private static final String OPENAI_KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123";

    @Test
    void apiKeysAndTokensLoseTheirValueButKeepTheirKind() {
        String text = "keys " + GOOGLE_KEY + " and " + OPENAI_KEY + ", token ya29.a0AfB_byC-secret-token, refresh 1//0gAbCdEfGhIj-kl";
        String redacted = Redaction.text(text);
        assertThat(redacted).doesNotContain(GOOGLE_KEY, OPENAI_KEY, "a0AfB_byC", "0gAbCdEfGhIj")
                .isEqualTo("keys AIza…[redacted] and sk-…[redacted], token ya29.…[redacted], refresh 1//…[redacted]");
    }

    @Test
    void bearerCredentialsAndKeyParametersAreRedacted() {
        assertThat(Redaction.text("Authorization: Bearer abc.def-ghi_jkl")).isEqualTo("Authorization: Bearer [redacted]");
        assertThat(Redaction.text("GET /v1beta/models?alt=sse&key=whatever-it-is&x=1"))
                .isEqualTo("GET /v1beta/models?alt=sse&key=[redacted]&x=1");
    }

    @Test
    void jsonFieldsNamedLikeSecretsLoseTheirValue() {
        String body = "{\"api_key\": \"plain-secret\", \"refresh_token\":\"r-123\", \"password\":\"p\\\"w\", \"max_tokens\": 5,"
                + " \"model\":\"gemini-3-flash\"}";
        assertThat(Redaction.text(body)).isEqualTo("{\"api_key\": \"[redacted]\", \"refresh_token\":\"[redacted]\","
                + " \"password\":\"[redacted]\", \"max_tokens\": 5, \"model\":\"gemini-3-flash\"}");
    }

    @Test
    void dataUrlsAndLongBase64KeepOnlyTheirStart() {
        String image = "A".repeat(20) + "b".repeat(5000);
        String redacted = Redaction.text("{\"url\":\"data:image/png;base64," + image + "\",\"data\":\"" + image + "==\"}");
        assertThat(redacted).isEqualTo("{\"url\":\"data:image/png;base64,AAAAAAAAAAAAAAAA…[5004 base64 characters not kept]\","
                + "\"data\":\"AAAAAAAAAAAAAAAA…[5006 base64 characters not kept]\"}");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"ask-me about 1/2 and sk-ip\"}]}";
        assertThat(Redaction.text(text)).isEqualTo(text);
    }

    @Test
    void theQuickCheckPassesEveryTextAPatternCouldMatch() {
        assertThat(Redaction.mayHoldSecret("/v1/chat/completions")).isFalse();
        assertThat(Redaction.mayHoldSecret("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")).isFalse();
        for (String secret : new String[] {"?KEY=x", "Bearer abcdefgh", "sk-abcdefgh", "AIzaSyAAAAAAAAAAAAAAAA",
            "ya29.abcdefg", "1//abcdefg", "{\"Password\":\"p\"}", "data:image/png;base64,AAAA", "x".repeat(512)}) {
            assertThat(Redaction.mayHoldSecret(secret)).as(secret).isTrue();
        }
        assertThat(Redaction.text("/v1beta/models/m:generateContent?key=AIzaSyAAAAAAAAAAAAAAAAAAAA"))
                .doesNotContain("AIzaSyAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void aBodyIsCappedWithANoteOfItsSize() {
        String big = "x ".repeat(Redaction.BODY_CHARS);
        String kept = Redaction.body(big, true, big.length());
        assertThat(kept).startsWith("x x x").endsWith("…[truncated; " + big.length() + " bytes in all]");
        assertThat(kept.length()).isLessThan(Redaction.BODY_CHARS + 60);
        assertThat(Redaction.body("{\"a\":1}", true, 7)).isEqualTo("{\"a\":1}");
    }

    @Test
    void aSecretCutByTheCaptureIsNotKeptInPart() {
        String captured = "{\"text\":\"use sk-abc";
        assertThat(Redaction.body(captured, false, 100_000)).isEqualTo("{\"text\":\"use …[truncated; 100000 bytes in all]");
    }

    @Test
    void aSecretFieldAsLongAsTheCaptureIsRedactedWithoutExhaustingTheStack() {
        String value = "a b \\\" ".repeat(10_000);
        assertThat(Redaction.text("{\"password\":\"" + value + "\",\"n\":1}")).isEqualTo("{\"password\":\"[redacted]\",\"n\":1}");
    }

    @Test
    void aDataUrlWithThousandsOfParametersIsShortenedWithoutExhaustingTheStack() {
        String url = "data:image/png" + ";a=b".repeat(15_000) + ";base64," + "A".repeat(100);
        assertThat(Redaction.text(url)).endsWith("AAAAAAAAAAAAAAAA…[84 base64 characters not kept]");
    }

    @Test
    void aCutThroughALongTokenRunDropsTheWholeRun() {
        String run = "x.".repeat(30_000);
        assertThat(Redaction.body("{\"t\":\"" + run, false, 200_000)).isEqualTo("{\"t\":\"…[truncated; 200000 bytes in all]");
        assertThat(Redaction.tokenStart("ab cd")).isEqualTo(3);
        assertThat(Redaction.tokenStart("ab cd ")).isEqualTo(6);
        assertThat(Redaction.tokenStart("")).isZero();
    }

    /** Capped bodies are redacted on the request log's one writer thread: their cost must grow with them, no faster. */
    @Test
    void redactingACutBodyGrowsLinearlyWithItsLength() {
        assumeTrue(CpuGrowth.supported(), "this JVM cannot measure a thread's CPU time");
        CpuGrowth.Growth growth = CpuGrowth.measure(n -> {
            // Token runs that do not end the text: a pattern anchored at the end retries from each of their characters.
            String captured = "{\"password\":\"" + "a.".repeat(n / 4) + "\",\"t\":\"" + "b.".repeat(n / 4) + " ";
            return () -> Redaction.body(captured, false, 1_000_000);
        }, 16_000, 64_000);
        assertThat(growth.ratio()).as("CPU time for %s", growth).isLessThan(CpuGrowth.LINEAR_BOUND);
    }
}
