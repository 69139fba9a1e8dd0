package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.chat.RequestSize;
import org.junit.jupiter.api.Test;

class GeminiSizeTest {
    @Test
    void contentsPartsAndFunctionDeclarationsAreCountedInEitherSpelling() {
        RequestSize size = GeminiSize.of(Fixtures.parse("""
                {"system_instruction":{"parts":[{"text":"s"}]},
                 "contents":[{"role":"user","parts":[{"text":"a"},{"text":"b"}]},
                   {"role":"model","parts":[{"functionCall":{"name":"f"}}]},
                   {"role":"user","parts":[{"function_response":{"name":"f","response":{},
                     "parts":[{"inlineData":{"mimeType":"image/png","data":"AA"}}]}}]}],
                 "tools":[{"functionDeclarations":[{"name":"f"},{"name":"g"}]},{"googleSearch":{}},
                   {"function_declarations":[{"name":"h"}]}]}"""));
        assertThat(size).isEqualTo(new RequestSize(3, 6, 3));
    }

    @Test
    void aCountTokensBodyCountsItsGenerateContentRequest() {
        RequestSize size = GeminiSize.of(Fixtures.parse("""
                {"generateContentRequest":{"model":"models/m","contents":[{"parts":[{"text":"a"}]},{"parts":[{"text":"b"}]}]}}"""));
        assertThat(size).isEqualTo(new RequestSize(2, 2, 0));
    }

    @Test
    void fieldsOfTheWrongKindCountAsEmpty() {
        assertThat(GeminiSize.of(Fixtures.parse("""
                {"contents":{"parts":[{"text":"a"}]},"tools":"all","systemInstruction":"be brief"}""")))
                .isEqualTo(new RequestSize(0, 0, 0));
        assertThat(GeminiSize.of(Fixtures.parse("""
                {"contents":[7,{"parts":{"text":"a"}}],"tools":[{"functionDeclarations":{"name":"f"}}]}""")))
                .isEqualTo(new RequestSize(2, 0, 0));
    }
}
