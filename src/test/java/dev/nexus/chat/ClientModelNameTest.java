package dev.nexus.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientModelNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "claude-3-5-sonnet@20240620", "models/gemini-2.5-flash", "my team model", "gémini-ünïcode",
            "模型-1", "emoji-\uD83D\uDE00"})
    void visibleTextIsAName(String name) {
        assertThat(ClientModelName.problem(name)).isEmpty();
    }

    @Test
    void controlFormatAndSeparatorCharactersAndLoneSurrogatesAreNamedWithTheirPosition() {
        assertThat(ClientModelName.problem("gpt\r\n4o")).hasValueSatisfying(p -> assertThat(p)
                .startsWith("contains a control character (U+000D) at position 3; send the model name as plain text"));
        assertThat(ClientModelName.problem("gpt\u00004o")).hasValueSatisfying(p -> assertThat(p).contains("(U+0000) at position 3"));
        assertThat(ClientModelName.problem("gpt\u007F")).hasValueSatisfying(p -> assertThat(p).contains("control character (U+007F)"));
        assertThat(ClientModelName.problem("gpt\u0085")).hasValueSatisfying(p -> assertThat(p).contains("control character (U+0085)"));
        assertThat(ClientModelName.problem("gpt\u202Eo4")).hasValueSatisfying(p -> assertThat(p).contains("invisible format character (U+202E)"));
        assertThat(ClientModelName.problem("gpt\u200B4o")).hasValueSatisfying(p -> assertThat(p).contains("(U+200B)"));
        assertThat(ClientModelName.problem("gpt\u20284o")).hasValueSatisfying(p -> assertThat(p).contains("line separator (U+2028)"));
        assertThat(ClientModelName.problem("gpt\uD83D")).hasValueSatisfying(p -> assertThat(p).contains("lone UTF-16 surrogate (U+D83D)"));
    }

    @Test
    void aNameIsNeitherBlankNorLongerThanTheLimit() {
        assertThat(ClientModelName.problem(" ")).contains("is empty; set it to the model to use");
        assertThat(ClientModelName.problem("m".repeat(ClientModelName.MAX_LENGTH))).isEmpty();
        assertThat(ClientModelName.problem("m".repeat(ClientModelName.MAX_LENGTH + 1)))
                .contains("is 257 characters long; a model name has at most 256");
    }
}
