package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.chat.StopReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FinishReasonsTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "STOP, END_TURN", "MAX_TOKENS, MAX_TOKENS", "SAFETY, CONTENT_FILTER", "RECITATION, CONTENT_FILTER",
        "BLOCKLIST, CONTENT_FILTER", "PROHIBITED_CONTENT, CONTENT_FILTER", "SPII, CONTENT_FILTER", "IMAGE_SAFETY, CONTENT_FILTER",
        "IMAGE_PROHIBITED_CONTENT, CONTENT_FILTER", "MALFORMED_FUNCTION_CALL, ERROR", "UNEXPECTED_TOOL_CALL, ERROR",
        "TOO_MANY_TOOL_CALLS, ERROR", "OTHER, END_TURN", "LANGUAGE, END_TURN", "FINISH_REASON_UNSPECIFIED, END_TURN",
        "'', END_TURN"
    })
    void eachGeminiFinishReasonHasOneStopReason(String finishReason, StopReason expected) {
        assertThat(FinishReasons.of(finishReason, false, false)).isEqualTo(expected);
    }

    @Test
    void functionCallsMakeItToolUseWhateverTheFinishReasonSays() {
        assertThat(FinishReasons.of("STOP", false, true)).isEqualTo(StopReason.TOOL_USE);
        assertThat(FinishReasons.of("MAX_TOKENS", false, true)).isEqualTo(StopReason.TOOL_USE);
    }

    @Test
    void aBlockedPromptIsAContentFilterStop() {
        assertThat(FinishReasons.of("", true, false)).isEqualTo(StopReason.CONTENT_FILTER);
    }
}
