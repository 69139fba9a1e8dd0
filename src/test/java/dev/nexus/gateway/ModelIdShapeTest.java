package dev.nexus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ModelIdShapeTest {
    /** The shapes as regular expressions: the hand-written scan must agree with them on every id. */
    private static final String ID = "[A-Za-z0-9][A-Za-z0-9._:-]*";
    private static final Pattern PLAIN = Pattern.compile(ID);
    private static final Pattern PUBLISHED = Pattern.compile("(?:google/)?" + ID);
    private static final Pattern SLASHED = Pattern.compile(ID + "(?:/" + ID + ")*");

    @Test
    void acceptsTheIdsProvidersTake() {
        assertThat(ModelIdShape.PLAIN.accepts("gemini-2.5-flash")).isTrue();
        assertThat(ModelIdShape.PLAIN.accepts("claude-sonnet-4-5:thinking")).isTrue();
        assertThat(ModelIdShape.GOOGLE_PUBLISHED.accepts("google/gemini-2.5-pro")).isTrue();
        assertThat(ModelIdShape.GOOGLE_PUBLISHED.accepts("gemini-2.5-pro")).isTrue();
        assertThat(ModelIdShape.SLASHED.accepts("meta/llama-3.1-8b-instruct")).isTrue();
        assertThat(ModelIdShape.SLASHED.accepts("a/b/c")).isTrue();
    }

    @Test
    void refusesWhatCouldLeaveAPathSegmentOrBreakAHeader() {
        for (String bad : new String[] {"", "-rm", ".hidden", "../etc", "a/../b", "a b", "a\nb", "a%2F", "a?x", "a#x",
                "google/", "/gemini", "gemini/", "a//b", "gémini", "x".repeat(ModelIdShape.MAX_LENGTH + 1)}) {
            assertThat(ModelIdShape.SLASHED.accepts(bad)).as(bad).isFalse();
            assertThat(ModelIdShape.PLAIN.accepts(bad)).as(bad).isFalse();
        }
        assertThat(ModelIdShape.PLAIN.accepts("google/gemini-2.5-pro")).isFalse();
        assertThat(ModelIdShape.GOOGLE_PUBLISHED.accepts("meta/llama")).isFalse();
        assertThat(ModelIdShape.GOOGLE_PUBLISHED.accepts("google/google/x")).isFalse();
        assertThat(ModelIdShape.PLAIN.accepts(null)).isFalse();
        assertThat(ModelIdShape.PLAIN.accepts("x".repeat(ModelIdShape.MAX_LENGTH))).isTrue();
    }

    @Test
    void agreesWithTheRegularExpressionsOnRandomIds() {
        String alphabet = "aZ09._:-/ %gole\u00e9\u0661";
        Random random = new Random(16);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder id = new StringBuilder(random.nextBoolean() ? "google/" : "");
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = id.toString();
            assertThat(ModelIdShape.PLAIN.accepts(s)).as(s).isEqualTo(!s.isEmpty() && PLAIN.matcher(s).matches());
            assertThat(ModelIdShape.GOOGLE_PUBLISHED.accepts(s)).as(s).isEqualTo(!s.isEmpty() && PUBLISHED.matcher(s).matches());
            assertThat(ModelIdShape.SLASHED.accepts(s)).as(s).isEqualTo(!s.isEmpty() && SLASHED.matcher(s).matches());
        }
    }
}
