package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.chat.Usage;
import org.junit.jupiter.api.Test;

class UsageMetadataTest {
    @Test
    void thoughtsCountAsOutputAndCachedTokensStayPartOfTheInput() {
        Usage usage = UsageMetadata.usage(Fixtures.parse("""
                {"promptTokenCount":1200,"candidatesTokenCount":40,"thoughtsTokenCount":210,
                 "cachedContentTokenCount":1024,"totalTokenCount":1450}"""));
        assertThat(usage).isEqualTo(new Usage(1200, 250, 1024, 210));
        assertThat(usage.totalTokens()).isEqualTo(1450);
    }

    @Test
    void withoutACandidatesCountOutputIsTotalMinusPrompt() {
        assertThat(usage("{\"promptTokenCount\":9,\"thoughtsTokenCount\":5,\"totalTokenCount\":20}"))
                .isEqualTo(new Usage(9, 11, 0, 5));
        assertThat(usage("{\"promptTokenCount\":9,\"totalTokenCount\":9}")).isEqualTo(new Usage(9, 0, 0, 0));
    }

    private static Usage usage(String json) {
        return UsageMetadata.usage(Fixtures.parse(json));
    }

    @Test
    void snakeCaseCountsAreRead() {
        assertThat(UsageMetadata.usage(Fixtures.parse("""
                {"prompt_token_count":10,"candidates_token_count":3,"thoughts_token_count":2,"cached_content_token_count":4}""")))
                .isEqualTo(new Usage(10, 5, 4, 2));
    }
}
