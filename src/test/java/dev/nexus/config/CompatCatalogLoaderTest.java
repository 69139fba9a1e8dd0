package dev.nexus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAI-compatible catalog as the Go original read it (seed §3.6), with key rings and skipped entries. */
class CompatCatalogLoaderTest {
    @TempDir
    Path work;
    @TempDir
    Path home;
    private final Map<String, String> env = new HashMap<>();

    private CompatCatalog load() {
        return new CompatCatalogLoader(env, work, home).load();
    }

    private Path file(Path where, String yaml) throws IOException {
        Files.createDirectories(where.getParent());
        return Files.writeString(where, yaml);
    }

    @Test
    void withoutAFileTheBuiltInDefaultsServeOnceTheyHaveKeys() {
        CompatCatalog catalog = load();
        assertThat(catalog.source()).isEqualTo("built-in defaults");
        assertThat(catalog.entries()).extracting(CompatCatalog.Entry::id).containsExactly("nvidia", "openrouter");
        CompatCatalog.Entry openrouter = catalog.entry("openrouter").orElseThrow();
        assertThat(openrouter.capabilities()).containsExactly("openai.chat", "anthropic.messages");
        assertThat(openrouter.baseUrl()).contains(URI.create("https://openrouter.ai/api/v1"));
        assertThat(openrouter.timeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(openrouter.runtimeEnabled()).as("no key").isFalse();
        assertThat(catalog.entry("nvidia").orElseThrow().scope()).isEqualTo(CompatCatalog.Scope.UNKNOWN_PREFIX_ONLY);

        env.put("NEXUS_OPENROUTER_API_KEY", " 'sk-or-1' , sk-or-2 ,");
        CompatCatalog keyed = load();
        assertThat(keyed.entry("openrouter").orElseThrow().apiKeys()).containsExactly("sk-or-1", "sk-or-2");
        assertThat(keyed.entry("openrouter").orElseThrow().runtimeEnabled()).isTrue();
        assertThat(keyed.entry("openrouter").orElseThrow().toString()).doesNotContain("sk-or-1");
    }

    @Test
    void theFirstFileOnTheSearchPathReplacesTheDefaults() throws IOException {
        file(home.resolve(".nexus/openai_compat_providers.yaml"), "providers: [{id: later, base_url: 'https://later.example/v1'}]");
        file(work.resolve("config/openai_compat_providers.yaml"), """
                providers:
                  - id: Acme
                    base_url: https://acme.example/api/v1/
                    auth_mode: Bearer
                    model_scope: unknown_prefix_only
                    capabilities: [OpenAI.Chat, anthropic.messages, openai.chat]
                    static_headers: {X-Title: nexus, "": dropped, X-Empty: ""}
                    timeout: 1m30s
                  - id: sleepy
                    enabled: false
                    base_url: https://sleepy.example/v1
                  - id: off
                    base_url: https://off.example/v1
                """);
        env.put("NEXUS_ACME_API_KEY", "sk-acme");
        env.put("NEXUS_SLEEPY_API_KEY", "sk-sleepy");
        CompatCatalog catalog = load();
        assertThat(catalog.source()).isEqualTo(work.resolve("config/openai_compat_providers.yaml").toString());
        assertThat(catalog.warnings()).singleElement().asString().contains("providers[2]").contains("id false is not text; quote it");
        assertThat(catalog.entries()).extracting(CompatCatalog.Entry::id).containsExactly("acme", "sleepy");
        CompatCatalog.Entry acme = catalog.entry("acme").orElseThrow();
        assertThat(acme.baseUrl()).contains(URI.create("https://acme.example/api/v1"));
        assertThat(acme.scope()).isEqualTo(CompatCatalog.Scope.UNKNOWN_PREFIX_ONLY);
        assertThat(acme.capabilities()).containsExactly("openai.chat", "anthropic.messages");
        assertThat(acme.staticHeaders()).isEqualTo(Map.of("X-Title", "nexus"));
        assertThat(acme.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(acme.runtimeEnabled()).isTrue();
        assertThat(catalog.entry("sleepy").orElseThrow().runtimeEnabled()).as("disabled in the file").isFalse();
    }

    @Test
    void theEnvironmentOverridesBaseUrlHeadersAndTimeout() throws IOException {
        env.put("NEXUS_OPENAI_COMPAT_PROVIDERS_FILE", file(work.resolve("my.yaml"), """
                providers:
                  - id: my-router
                    static_headers: {X-Title: from-file, HTTP-Referer: https://a.example}
                """).getFileName().toString());
        env.put("NEXUS_MY_ROUTER_BASE_URL", "http://127.0.0.1:9999/v1");
        env.put("NEXUS_MY_ROUTER_STATIC_HEADERS", "{\"X-Title\":\"from-env\",\"X-Extra\":\"1\"}");
        env.put("NEXUS_MY_ROUTER_TIMEOUT", "45s");
        CompatCatalog.Entry entry = load().entry("my-router").orElseThrow();
        assertThat(entry.baseUrl()).contains(URI.create("http://127.0.0.1:9999/v1"));
        assertThat(entry.staticHeaders()).isEqualTo(Map.of("X-Title", "from-env", "HTTP-Referer", "https://a.example", "X-Extra", "1"));
        assertThat(entry.timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(entry.runtimeEnabled()).as("no key yet").isFalse();
        assertThat(entry.keyVariable()).isEqualTo("NEXUS_MY_ROUTER_API_KEY");
    }

    @Test
    void invalidEntriesAreSkippedWithOneWarningEachNamingEntryAndReason() throws IOException {
        env.put("NEXUS_OPENAI_COMPAT_PROVIDERS_FILE", file(work.resolve("c.yaml"), """
                providers:
                  - id: good
                    base_url: https://good.example/v1
                  - id: "bad id"
                    base_url: https://x.example/v1
                  - id: oauth
                    auth_mode: oauth
                  - id: scope
                    model_scope: some_models
                  - id: url
                    base_url: ftp://x.example
                  - id: slow
                    timeout: forever
                  - id: sneaky
                    static_headers: {Authorization: Bearer x}
                  - id: good
                    base_url: https://again.example/v1
                  - id: envbad
                """).toString());
        env.put("NEXUS_ENVBAD_STATIC_HEADERS", "not json");
        CompatCatalog catalog = load();
        assertThat(catalog.entries()).extracting(CompatCatalog.Entry::id).containsExactly("good");
        assertThat(catalog.entry("good").orElseThrow().baseUrl()).contains(URI.create("https://good.example/v1"));
        List<String> warnings = catalog.warnings();
        assertThat(warnings).hasSize(8);
        assertThat(warnings.get(0)).contains("providers[1] (bad id)").contains("id 'bad id'");
        assertThat(warnings.get(1)).contains("providers[2] (oauth)").contains("auth_mode 'oauth'");
        assertThat(warnings.get(2)).contains("model_scope 'some_models'");
        assertThat(warnings.get(3)).contains("base_url 'ftp://x.example'");
        assertThat(warnings.get(4)).contains("timeout 'forever'");
        assertThat(warnings.get(5)).contains("'Authorization'");
        assertThat(warnings.get(6)).contains("providers[7] (good)").contains("listed twice");
        assertThat(warnings.get(7)).contains("NEXUS_ENVBAD_STATIC_HEADERS must be a JSON object");
    }

    @Test
    void anIdThatIsOneOfTheServersOwnPathsIsRefusedWithOneWarning() throws IOException {
        env.put("NEXUS_OPENAI_COMPAT_PROVIDERS_FILE", file(work.resolve("c.yaml"), """
                providers:
                  - id: v1
                    base_url: https://v1.example/v1
                  - id: API
                    base_url: https://api.example/v1
                  - id: fine
                    base_url: https://fine.example/v1
                """).toString());
        CompatCatalog catalog = load();
        assertThat(catalog.entries()).extracting(CompatCatalog.Entry::id).containsExactly("fine");
        assertThat(catalog.warnings()).hasSize(2);
        assertThat(catalog.warnings().get(0)).contains("providers[0] (v1)", "clashes with Nexus's own path /v1/");
        assertThat(catalog.warnings().get(1)).contains("providers[1] (API)", "id 'api'", "/api/");
    }

    @Test
    void theRootUrlIsTheBaseUrlWithoutItsVersionSegment() {
        assertThat(root("https://openrouter.ai/api/v1")).isEqualTo("https://openrouter.ai/api");
        assertThat(root("https://integrate.api.nvidia.com/v1")).isEqualTo("https://integrate.api.nvidia.com");
        assertThat(root("https://x.example/openai/v1beta2")).isEqualTo("https://x.example/openai");
        assertThat(root("https://x.example/api")).isEqualTo("https://x.example/api");
        assertThat(root("https://x.example/v1/chat")).isEqualTo("https://x.example/v1/chat");
    }

    private static String root(String baseUrl) {
        return new CompatCatalog.Entry("x", true, java.util.Optional.of(URI.create(baseUrl)), CompatCatalog.Scope.ALL_MODELS,
                List.of(), Map.of(), java.time.Duration.ofSeconds(1), List.of()).rootUrl().orElseThrow().toString();
    }

    @Test
    void aFileWithNoProvidersFallsBackToTheDefaults() throws IOException {
        file(work.resolve("config/openai_compat_providers.yaml"), "providers: []\n");
        CompatCatalog catalog = load();
        assertThat(catalog.entries()).extracting(CompatCatalog.Entry::id).containsExactly("nvidia", "openrouter");
        assertThat(catalog.source()).contains("lists no provider");
    }

    @Test
    void aConfiguredFileThatIsMissingOrBrokenStopsStartUp() throws IOException {
        env.put("NEXUS_OPENAI_COMPAT_PROVIDERS_FILE", "nowhere.yaml");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining("NEXUS_OPENAI_COMPAT_PROVIDERS_FILE").hasMessageContaining("no such file");
        env.put("NEXUS_OPENAI_COMPAT_PROVIDERS_FILE", file(work.resolve("broken.yaml"), "providers: {id: x").toString());
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("broken.yaml");
        env.put("NEXUS_OPENAI_COMPAT_PROVIDERS_FILE", file(work.resolve("flat.yaml"), "id: x\n").toString());
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("'providers:' list");
    }

    @Test
    void settingsCarryTheCatalog() {
        env.put("NEXUS_OPENROUTER_API_KEY", "sk-or-secret-1234");
        Settings settings = new SettingsLoader(env, work).load();
        assertThat(settings.compatProviders().entry("openrouter").map(CompatCatalog.Entry::runtimeEnabled)).isEqualTo(Optional.of(true));
        assertThat(settings.toString()).doesNotContain("sk-or-secret-1234");
    }
}
