package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class WireTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFieldIsFoundUnderEitherSpelling() throws Exception {
        var node = json.readTree("{\"thoughtSignature\":\"a\",\"inline_data\":{\"mime_type\":\"image/png\"},\"finishReason\":null}");
        assertThat(Wire.text(node, "thoughtSignature")).isEqualTo("a");
        assertThat(Wire.field(node, "inlineData").isObject()).isTrue();
        assertThat(Wire.text(Wire.field(node, "inlineData"), "mimeType")).isEqualTo("image/png");
        assertThat(Wire.field(node, "finishReason").isMissingNode()).isTrue();
        assertThat(Wire.has(node, "functionCall")).isFalse();
    }

    @Test
    void snakeSpellingsMatchExactly() {
        assertThat(Wire.isSnakeOf("thought_signature", "thoughtSignature")).isTrue();
        assertThat(Wire.isSnakeOf("text", "text")).isTrue();
        assertThat(Wire.isSnakeOf("thought_signatur", "thoughtSignature")).isFalse();
        assertThat(Wire.isSnakeOf("thought_signatures", "thoughtSignature")).isFalse();
        assertThat(Wire.isSnakeOf("thoughtSignature", "thoughtSignature")).isFalse();
        assertThat(Wire.isSnakeOf("thought-signature", "thoughtSignature")).isFalse();
        assertThat(Wire.isSnakeOf("", "a")).isFalse();
    }
}
