package dev.nexus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seed §6.4: which providers may serve a client model, by name prefix and by protocol. */
class ProviderPolicyTest {
    /** Every provider the Go original knows, plus one catalog provider of each scope. */
    private final ProviderPolicy everything = ProviderPolicy.of(List.of(ProviderSpec.GOOGLE, ProviderSpec.CODEX, ProviderSpec.VERTEX,
            ProviderSpec.GEMINI, ProviderSpec.openAiCompatible("openrouter", ProviderSpec.ModelScope.ALL_MODELS),
            ProviderSpec.openAiCompatible("nvidia", ProviderSpec.ModelScope.UNKNOWN_PREFIX_ONLY)));
    /** What this build has today. */
    private final ProviderPolicy googleOnly = ProviderPolicy.of(List.of(ProviderSpec.GOOGLE));

    @ParameterizedTest(name = "{0} may be routed to {1}")
    @CsvSource(delimiter = '|', value = {
            "gpt-4o           | google, codex, openrouter",
            "GPT-5.2-codex    | google, codex, openrouter",
            "gemini-2.5-pro   | google, vertex, gemini, openrouter",
            "Gemini-3-flash   | google, vertex, gemini, openrouter",
            "claude-sonnet-4-5| google, openrouter",
            "o3               | google, openrouter, nvidia",
            "llama-3.3-70b    | google, openrouter, nvidia"})
    void theModelNamePrefixDecidesWhichProvidersARouteMayName(String clientModel, String allowed) {
        assertThat(everything.allowed(clientModel)).containsExactlyElementsOf(List.of(allowed.split(",\\s*")));
    }

    @ParameterizedTest(name = "{0} over {1} may go to {2}")
    @CsvSource(delimiter = '|', value = {
            "gpt-4o         | OPENAI    | google, codex, openrouter",
            "gpt-4o         | GENAI     | google",
            "gpt-4o         | ANTHROPIC | google",
            "gemini-3-flash | OPENAI    | google, gemini, openrouter",
            "gemini-3-flash | GENAI     | google, vertex, gemini",
            "gemini-3-flash | ANTHROPIC | google",
            "claude-opus-4  | OPENAI    | google, openrouter",
            "claude-opus-4  | ANTHROPIC | google",
            "mistral-large  | OPENAI    | google, openrouter, nvidia",
            "mistral-large  | GENAI     | google"})
    void theProtocolNarrowsTheProvidersFurther(String clientModel, Protocol protocol, String allowed) {
        assertThat(everything.allowed(clientModel, protocol)).containsExactlyElementsOf(List.of(allowed.split(",\\s*")));
    }

    @Test
    void aRouteToAProviderOutsideTheModelsFamilyIsRefusedWithTheAllowedList() {
        assertThatThrownBy(() -> everything.checkRoute("claude-sonnet-4-5", "codex"))
                .isInstanceOf(ProviderNotAllowedException.class)
                .hasMessage("provider \"codex\" is not allowed for client model \"claude-sonnet-4-5\" (allowed: google, openrouter)");
        assertThatThrownBy(() -> everything.checkRoute("gpt-4o", "vertex"))
                .hasMessage("provider \"vertex\" is not allowed for client model \"gpt-4o\" (allowed: google, codex, openrouter)");
        assertThatCode(() -> everything.checkRoute("gpt-4o", "codex")).doesNotThrowAnyException();
    }

    @Test
    void aRequestOnAProtocolTheProviderDoesNotSpeakIsRefused() {
        assertThatThrownBy(() -> everything.check("gpt-4o", "codex", Protocol.ANTHROPIC))
                .isInstanceOf(ProviderNotAllowedException.class)
                .hasMessage("provider \"codex\" does not serve the anthropic API for client model \"gpt-4o\" (allowed: google)")
                .satisfies(e -> assertThat(((ProviderNotAllowedException) e).allowed()).containsExactly("google"));
        assertThatThrownBy(() -> everything.check("gemini-3-flash", "vertex", Protocol.OPENAI))
                .hasMessageContaining("(allowed: google, gemini, openrouter)");
        assertThatCode(() -> everything.check("gemini-3-flash", "vertex", Protocol.GENAI)).doesNotThrowAnyException();
        assertThatCode(() -> everything.check("claude-opus-4", "google", Protocol.ANTHROPIC)).doesNotThrowAnyException();
    }

    @Test
    void aRequestIsFirstCheckedByItsModelName() {
        assertThatThrownBy(() -> everything.check("claude-opus-4", "codex", Protocol.OPENAI))
                .hasMessage("provider \"codex\" is not allowed for client model \"claude-opus-4\" (allowed: google, openrouter)");
    }

    @Test
    void providersThisBuildDoesNotHaveAreNeverAllowed() {
        assertThat(googleOnly.allowed("gpt-4o")).containsExactly("google");
        assertThatThrownBy(() -> googleOnly.checkRoute("gpt-5.2-codex", "codex"))
                .hasMessage("provider \"codex\" is not allowed for client model \"gpt-5.2-codex\" (allowed: google)");
        assertThatThrownBy(() -> ProviderPolicy.of(List.of()).check("gpt-4o", "google", Protocol.OPENAI))
                .hasMessageContaining("(allowed: none in this build)");
    }

    @Test
    void providerNamesAreComparedTrimmedAndInLowerCaseWithEmptyMeaningGoogle() {
        assertThatCode(() -> googleOnly.checkRoute("gpt-4o", " Google ")).doesNotThrowAnyException();
        assertThatCode(() -> googleOnly.check("gpt-4o", "", Protocol.OPENAI)).doesNotThrowAnyException();
        assertThat(ProviderPolicy.normalise(null)).isEqualTo("google");
        assertThat(ProviderPolicy.normalise(" CODEX ")).isEqualTo("codex");
    }

    @Test
    void theProviderListCarriesTheCapabilitiesOfEachProtocolItSpeaks() {
        assertThat(ProviderSpec.GOOGLE.capabilities()).containsExactly("openai.chat", "openai.responses", "genai", "anthropic");
        assertThat(ProviderSpec.CODEX.capabilities()).containsExactly("openai.chat", "openai.responses");
        assertThat(ProviderSpec.VERTEX.capabilities()).containsExactly("genai");
        assertThat(googleOnly.providers()).extracting(ProviderSpec::id).containsExactly("google");
    }

    @Test
    void aProviderListedTwiceIsAProgrammingError() {
        assertThatThrownBy(() -> ProviderPolicy.of(List.of(ProviderSpec.GOOGLE, ProviderSpec.GOOGLE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("google");
    }
}
