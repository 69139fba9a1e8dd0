package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GeminiTargetTest {
    @Test
    void gemini3ModelsAreRecognisedWhateverTheirSuffix() {
        assertThat(new GeminiTarget("gemini-3-flash", "cloudcode").isGemini3()).isTrue();
        assertThat(new GeminiTarget("gemini-3-pro-high", "cloudcode").isGemini3()).isTrue();
        assertThat(new GeminiTarget("Gemini-3.1-Pro-Preview", "gemini").isGemini3()).isTrue();
        assertThat(new GeminiTarget("gemini-2.5-pro", "gemini").isGemini3()).isFalse();
        assertThat(new GeminiTarget("gemini-30-nano", "gemini").isGemini3()).isFalse();
    }

    @Test
    void claudeModelsAreRecognisedAndAreNotGemini3() {
        GeminiTarget claude = new GeminiTarget("claude-opus-4-6-thinking", "cloudcode");
        assertThat(claude.isClaude()).isTrue();
        assertThat(claude.isGemini3()).isFalse();
        assertThat(new GeminiTarget("gemini-3-flash", "cloudcode").isClaude()).isFalse();
    }

    @Test
    void aTargetNeedsAModelAndAnOrigin() {
        assertThatThrownBy(() -> new GeminiTarget("", "gemini")).hasMessageContaining("model");
        assertThatThrownBy(() -> new GeminiTarget("gemini-3-flash", " ")).hasMessageContaining("origin");
    }
}
