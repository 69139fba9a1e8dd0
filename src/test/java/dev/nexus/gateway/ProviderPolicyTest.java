package dev.nexus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seed §6.4 (gemini and vertex widened to every name and protocol): which providers may serve a client model. */
class ProviderPolicyTest {
    /** Every provider the Go original knows, plus one catalog provider of each scope. */
    private final ProviderPolicy everything = ProviderPolicy.of(List.of(ProviderSpec.GOOGLE, ProviderSpec.CODEX, ProviderSpec.VERTEX,
            ProviderSpec.GEMINI, ProviderSpec.openAiCompatible("openrouter", ProviderSpec.ModelScope.ALL_MODELS),
            ProviderSpec.openAiCompatible("nvidia", ProviderSpec.ModelScope.UNKNOWN_PREFIX_ONLY)));
    /** What this build has today. */
    private final ProviderPolicy googleOnly = ProviderPolicy.of(List.of(ProviderSpec.GOOGLE));

    @ParameterizedTest(name = "{0} may be routed to {1}")
    @CsvSource(delimiter = '|', value = {
            "gpt-4o           | google, codex, vertex, gemini, openrouter",
            "GPT-5.2-codex    | google, codex, vertex, gemini, openrouter",
            "gemini-2.5-pro   | google, vertex, gemini, openrouter",
            "Gemini-3-flash   | google, vertex, gemini, openrouter",
            "claude-sonnet-4-5| google, vertex, gemini, openrouter",
            "o3               | google, vertex, gemini, openrouter, nvidia",
            "llama-3.3-70b    | google, vertex, gemini, openrouter, nvidia"})
    void theModelNamePrefixDecidesWhichProvidersARouteMayName(String clientModel, String allowed) {
        assertThat(everything.allowed(clientModel)).containsExactlyElementsOf(List.of(allowed.split(",\\s*")));
    }

    @ParameterizedTest(name = "{0} over {1} may go to {2}")
    @CsvSource(delimiter = '|', value = {
            "gpt-4o         | OPENAI    | google, codex, vertex, gemini, openrouter",
            "gpt-4o         | GENAI     | google, codex, vertex, gemini, openrouter",
            "gpt-4o         | ANTHROPIC | google, codex, vertex, gemini, openrouter",
            "gemini-3-flash | GENAI     | google, vertex, gemini, openrouter",
            "claude-opus-4  | ANTHROPIC | google, vertex, gemini, openrouter",
            "mistral-large  | OPENAI    | google, vertex, gemini, openrouter, nvidia",
            "mistral-large  | GENAI     | google, vertex, gemini, openrouter, nvidia"})
    void everyProviderOfTheBuildSpeaksEveryProtocol(String clientModel, Protocol protocol, String allowed) {
        assertThat(everything.allowed(clientModel, protocol)).containsExactlyElementsOf(List.of(allowed.split(",\\s*")));
    }

    @Test
    void theProtocolNarrowsTheProvidersForOneThatSpeaksFewer() {
        ProviderSpec chatOnly = new ProviderSpec("chat-only", "openai_compat", java.util.EnumSet.allOf(ModelFamily.class),
                java.util.EnumSet.of(Protocol.OPENAI), ModelIdShape.SLASHED);
        ProviderPolicy policy = ProviderPolicy.of(List.of(ProviderSpec.GOOGLE, chatOnly));
        assertThat(policy.allowed("gpt-4o", Protocol.OPENAI)).containsExactly("google", "chat-only");
        assertThat(policy.allowed("gpt-4o", Protocol.ANTHROPIC)).containsExactly("google");
        assertThatThrownBy(() -> policy.check("gpt-4o", "chat-only", Protocol.ANTHROPIC))
                .isInstanceOf(ProviderNotAllowedException.class)
                .hasMessage("provider \"chat-only\" does not serve the anthropic API for client model \"gpt-4o\" (allowed: google)")
                .satisfies(e -> assertThat(((ProviderNotAllowedException) e).allowed()).containsExactly("google"));
    }

    @Test
    void aRouteToAProviderOutsideTheModelsFamilyIsRefusedWithTheAllowedList() {
        assertThatThrownBy(() -> everything.checkRoute("claude-sonnet-4-5", "codex"))
                .isInstanceOf(ProviderNotAllowedException.class)
                .hasMessage("provider \"codex\" is not allowed for client model \"claude-sonnet-4-5\" (allowed: google, vertex, gemini, openrouter)");
        assertThatThrownBy(() -> everything.checkRoute("gemini-3-flash", "codex"))
                .hasMessage("provider \"codex\" is not allowed for client model \"gemini-3-flash\" (allowed: google, vertex, gemini, openrouter)");
        assertThatCode(() -> everything.checkRoute("gpt-4o", "gemini")).doesNotThrowAnyException();
        assertThatCode(() -> everything.checkRoute("gpt-4o", "codex")).doesNotThrowAnyException();
    }

    @Test
    void catalogProvidersServeEveryClientProtocol() {
        assertThatCode(() -> everything.check("gpt-4o", "openrouter", Protocol.ANTHROPIC)).doesNotThrowAnyException();
        assertThatCode(() -> everything.check("gemini-3-flash", "openrouter", Protocol.GENAI)).doesNotThrowAnyException();
        assertThatCode(() -> everything.check("gpt-4o", "codex", Protocol.ANTHROPIC)).doesNotThrowAnyException();
        assertThatCode(() -> everything.check("gemini-3-flash", "vertex", Protocol.OPENAI)).doesNotThrowAnyException();
        assertThatThrownBy(() -> everything.check("gpt-4o", "nvidia", Protocol.OPENAI))
                .as("nvidia takes only names no other provider has").isInstanceOf(ProviderNotAllowedException.class);
    }

    @Test
    void aRequestIsFirstCheckedByItsModelName() {
        assertThatThrownBy(() -> everything.check("claude-opus-4", "codex", Protocol.OPENAI))
                .hasMessage("provider \"codex\" is not allowed for client model \"claude-opus-4\" (allowed: google, vertex, gemini, openrouter)");
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
        assertThat(ProviderSpec.CODEX.capabilities()).containsExactly("openai.chat", "openai.responses", "genai", "anthropic");
        assertThat(ProviderSpec.VERTEX.capabilities()).containsExactly("openai.chat", "openai.responses", "genai", "anthropic");
        assertThat(googleOnly.providers()).extracting(ProviderSpec::id).containsExactly("google");
    }

    @Test
    void aProviderListedTwiceIsAProgrammingError() {
        assertThatThrownBy(() -> ProviderPolicy.of(List.of(ProviderSpec.GOOGLE, ProviderSpec.GOOGLE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("google");
    }
    @ParameterizedTest(name = "{1} is a model id for {0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "google     | gemini-2.5-flash                | true",
            "google     | claude-sonnet-4-5:thinking      | true",
            "google     | gemini_3.0-pro                  | true",
            "google     | google/gemini-2.5-pro           | false",
            "vertex     | google/gemini-2.5-pro           | true",
            "gemini     | google/gemini-2.5-pro           | true",
            "gemini     | models/gemini-2.5-pro           | false",
            "gemini     | ../../v1beta/files?x=           | false",
            "gemini     | ..                              | false",
            "gemini     | -rf                             | false",
            "gemini     | gemini 2.5                      | false",
            "gemini     | gemini%2Fx                      | false",
            "gemini     | gemini#x                        | false",
            "gemini     | claude@20240620                 | false",
            "openrouter | meta/llama-3.1-8b-instruct      | true",
            "openrouter | anthropic/claude-3.5-sonnet:beta| true",
            "openrouter | meta//llama                     | false",
            "openrouter | meta/../x                       | false",
            "openrouter | /llama                          | false",
            "codex      | gpt-5.2-codex                   | true",
            "codex      | openai/gpt-5                    | false",
            "someday    | a/b                             | false"})
    void eachProviderTakesModelIdsOfItsOwnShape(String provider, String model, boolean accepted) {
        assertThat(everything.modelIdProblem(provider, model).isEmpty()).isEqualTo(accepted);
    }

    @Test
    void aModelIdIsBoundedAndEmptyIsNone() {
        assertThat(everything.modelIdProblem("google", "g".repeat(ModelIdShape.MAX_LENGTH))).isEmpty();
        assertThat(everything.modelIdProblem("google", "g".repeat(ModelIdShape.MAX_LENGTH + 1))).isPresent();
        assertThat(everything.modelIdProblem("google", "")).isPresent();
    }

    @Test
    void aProviderThisBuildLacksKeepsTheShapeOfItsBuiltInSpec() {
        assertThat(googleOnly.modelIds("vertex")).isEqualTo(ModelIdShape.GOOGLE_PUBLISHED);
        assertThat(googleOnly.modelIds("openrouter")).isEqualTo(ModelIdShape.PLAIN);
        assertThat(everything.modelIds("openrouter")).isEqualTo(ModelIdShape.SLASHED);
    }

    @Test
    void aRefusedIdIsQuotedWithItsInvisibleCharactersNamedAndTheRuleStated() {
        assertThat(everything.modelIdProblem("gemini", "gem\u0000ini\r\n").orElseThrow())
                .isEqualTo("\"gemU+0000iniU+000DU+000A\" is not a model id provider \"gemini\" takes: use "
                        + ModelIdShape.GOOGLE_PUBLISHED.rule());
    }

    @Test
    void aRouteIsCheckedFieldByFieldUnderTheNamesOfWhereItWasWritten() {
        assertThat(everything.routeProblem("gpt-4o", "gemini", "gemini-2.5-flash", List.of("gemini-2.0-flash"),
                ProviderPolicy.RouteFields.API)).isEmpty();
        assertThat(everything.routeProblem("gpt\u202E4o", "gemini", "gemini-2.5-flash", List.of(), ProviderPolicy.RouteFields.API))
                .hasValueSatisfying(p -> assertThat(p).startsWith("client_model contains an invisible format character (U+202E)"));
        assertThat(everything.routeProblem("gpt-4o", "gemini", "a?b", List.of(), ProviderPolicy.RouteFields.FILE))
                .hasValueSatisfying(p -> assertThat(p).startsWith("target \"a?b\" is not a model id"));
        assertThat(everything.routeProblem("gpt-4o", "gemini", "ok", List.of("fine", "not fine"), ProviderPolicy.RouteFields.API))
                .hasValueSatisfying(p -> assertThat(p).startsWith("fallbacks[1] \"not fine\""));
    }

    @Test
    void aRequestsTargetIsCheckedWithAMessageThatSaysWhetherARouteOrTheClientsNameIsAtFault() {
        assertThat(everything.targetProblem("x", new ModelRoutes.Target("gemini", "gemini-2.5-flash", List.of("b/c"), true)))
                .hasValueSatisfying(p -> assertThat(p).startsWith("the model route for \"x\" names \"b/c\"").contains("fix the route"));
        assertThat(everything.targetProblem("claude@x", new ModelRoutes.Target("google", "claude@x", List.of(), false)))
                .hasValueSatisfying(p -> assertThat(p).startsWith("model \"claude@x\" is not a model id").contains("no route matches"));
        assertThat(everything.targetProblem("gpt-4o", new ModelRoutes.Target("google", "gemini-3-flash", List.of(), true))).isEmpty();
    }

    @Test
    void aFallbackWhoseFirstSegmentNamesAProviderGoesToThatProviderAndAnyOtherStaysOnTheRoutes() {
        ModelRoutes.Target target = new ModelRoutes.Target("openrouter", "anthropic/claude-sonnet-4.5",
                List.of("meta/llama-3.1-8b", "google/gemini-3-flash", "Codex/gpt-5.2", "gemini/gemini-3-pro"), true);
        assertThat(everything.hops(target)).containsExactly(
                new ProviderPolicy.Hop("openrouter", "anthropic/claude-sonnet-4.5"),
                new ProviderPolicy.Hop("openrouter", "meta/llama-3.1-8b"),
                new ProviderPolicy.Hop("google", "gemini-3-flash"),
                new ProviderPolicy.Hop("codex", "gpt-5.2"),
                new ProviderPolicy.Hop("gemini", "gemini-3-pro"));
        assertThat(everything.hops(new ModelRoutes.Target("vertex", "gemini-3-flash", List.of("google/gemini-3-pro"), true)))
                .as("the publisher-qualified id Vertex takes").endsWith(new ProviderPolicy.Hop("vertex", "google/gemini-3-pro"));
        // A built-in this build lacks is still read as a provider, so the route is checked the same the day it is set up.
        assertThat(googleOnly.hops(new ModelRoutes.Target("google", "gemini-3-flash", List.of("codex/gpt-5.2"), true)))
                .containsExactly(new ProviderPolicy.Hop("google", "gemini-3-flash"), new ProviderPolicy.Hop("codex", "gpt-5.2"));
    }

    @Test
    void aFallbackOnAnotherProviderMustBeOneThatMayServeTheClientModelAndTakeItsId() {
        ProviderPolicy.RouteFields api = ProviderPolicy.RouteFields.API;
        assertThat(everything.routeProblem("gpt-5.2", "google", "gemini-3-flash", List.of("codex/gpt-5.2"), api)).isEmpty();
        assertThat(everything.routeProblem("claude-sonnet-4-5", "google", "claude-sonnet-4-5", List.of("codex/gpt-5.2"), api))
                .hasValueSatisfying(p -> assertThat(p).startsWith("fallbacks[0] \"codex/gpt-5.2\" names provider \"codex\"")
                        .contains("claude-sonnet-4-5").contains("allowed: google, vertex, gemini, openrouter"));
        assertThat(everything.routeProblem("gpt-5.2", "google", "gemini-3-flash", List.of("gemini-3-pro", "gemini/../x"), api))
                .hasValueSatisfying(p -> assertThat(p).startsWith("fallbacks[1] \"../x\" is not a model id provider \"gemini\" takes"));
    }
}
