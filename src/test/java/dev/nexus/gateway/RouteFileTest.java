package dev.nexus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexus.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteFileTest {
    private static final ProviderPolicy POLICY = ProviderPolicy.of(List.of(ProviderSpec.GOOGLE, ProviderSpec.GEMINI));
    @TempDir
    Path dir;

    @Test
    void theFirstFileOnTheSearchPathWins() throws Exception {
        Path first = dir.resolve("a.yaml");
        Path second = dir.resolve("b.yaml");
        Files.writeString(second, "routes:\n  - {client: x, provider: google, target: y}\n");
        Files.writeString(first, "routes:\n  - client: gpt-4o\n    provider: Google\n    target: gemini-3-flash\n  - client: o3\n    target: gemini-3-pro-high\n");
        RouteFile.Loaded loaded = RouteFile.load(List.of(dir.resolve("missing.yaml"), first, second), POLICY);
        assertThat(loaded.source()).isEqualTo(first.toString());
        assertThat(loaded.routes()).extracting(ModelRoute::clientModel, ModelRoute::provider, ModelRoute::targetModel)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gpt-4o", "google", "gemini-3-flash"),
                        org.assertj.core.groups.Tuple.tuple("o3", "google", "gemini-3-pro-high"));
    }

    @Test
    void aClientModelMayBeAGlobButATargetMayNot() throws Exception {
        Path globs = dir.resolve("globs.yaml");
        Files.writeString(globs, "routes:\n  - {client: 'claude-opus-*', target: claude-opus-4-6-thinking}\n");
        assertThat(RouteFile.load(List.of(globs), POLICY).routes()).extracting(ModelRoute::clientModel).containsExactly("claude-opus-*");

        Path bad = dir.resolve("bad-glob.yaml");
        Files.writeString(bad, "routes:\n  - {client: 'claude-*', target: 'claude-*'}\n");
        assertThatThrownBy(() -> RouteFile.load(List.of(bad), POLICY)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("routes[0]: target \"claude-*\" is not a model id");
    }

    @Test
    void withoutAnyFileTheBundledDefaultsApply() {
        RouteFile.Loaded loaded = RouteFile.load(List.of(dir.resolve("none.yaml")), POLICY);
        assertThat(loaded.source()).isEqualTo("built-in defaults");
        assertThat(loaded.routes()).anyMatch(r -> r.clientModel().equals("gpt-4o") && r.targetModel().equals("gemini-3-flash"));
    }

    @Test
    void aRouteWithoutTargetIsRefusedWithItsPosition() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "routes:\n  - {client: a, target: b}\n  - {client: c}\n");
        assertThatThrownBy(() -> RouteFile.load(List.of(bad), POLICY)).isInstanceOf(ConfigException.class).hasMessageContaining("routes[1]");
    }

    @Test
    void aFileWithATargetThatIsNotAModelIdIsRefusedNamingTheEntryAndTheRule() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "routes:\n  - {client: a, provider: gemini, target: gemini-2.5-flash}\n"
                + "  - {client: files, provider: gemini, target: \"../../v1beta/files?x=\"}\n");
        assertThatThrownBy(() -> RouteFile.load(List.of(bad), POLICY)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("routes[1]: target \"../../v1beta/files?x=\" is not a model id provider \"gemini\" takes")
                .hasMessageContaining("letters, digits and . _ : - only");
    }

    @Test
    void aFallbackOrAClientNameThatBreaksTheRulesIsRefusedToo() throws Exception {
        Path fallback = dir.resolve("fallback.yaml");
        Files.writeString(fallback, "routes:\n  - {client: a, target: gemini-3-flash, fallbacks: [gemini-2.5-flash, \"x/../y\"]}\n");
        assertThatThrownBy(() -> RouteFile.load(List.of(fallback), POLICY)).hasMessageContaining("routes[0]: fallbacks[1] \"x/../y\"");
        Path client = dir.resolve("client.yaml");
        Files.writeString(client, "routes:\n  - {client: \"gpt\\n4o\", target: gemini-3-flash}\n");
        assertThatThrownBy(() -> RouteFile.load(List.of(client), POLICY))
                .hasMessageContaining("routes[0]: client contains a control character (U+000A)");
    }

    @Test
    void aRouteToAProviderThisServerLacksIsCheckedByThatProvidersRules() throws Exception {
        Path file = dir.resolve("vertex.yaml");
        Files.writeString(file, "routes:\n  - {client: a, provider: vertex, target: google/gemini-2.5-pro}\n"
                + "  - {client: b, provider: someday, target: google/gemini-2.5-pro}\n");
        assertThatThrownBy(() -> RouteFile.load(List.of(file), POLICY)).hasMessageContaining("routes[1]: target")
                .hasMessageContaining("provider \"someday\"");
    }

    @Test
    void theSearchPathIsTheGoOriginals() {
        assertThat(RouteFile.searchPath(Path.of("/work"), Path.of("/home/u"))).extracting(Path::toString).containsExactly(
                "/work/config/model_routes.yaml", "/etc/nexus/model_routes.yaml", "/opt/homebrew/etc/nexus/model_routes.yaml",
                "/usr/local/etc/nexus/model_routes.yaml", "/home/u/.config/nexus/model_routes.yaml", "/home/u/.nexus/model_routes.yaml");
    }
}
