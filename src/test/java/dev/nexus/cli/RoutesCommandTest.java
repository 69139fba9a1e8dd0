package dev.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.testing.NexusHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutesCommandTest {
    @TempDir
    Path dir;

    private NexusHarness nexus() throws Exception {
        Files.writeString(dir.resolve("routes.yaml"), "routes:\n  - { client: gpt-4o, provider: google, target: gemini-3-flash }\n");
        return new NexusHarness(dir).env("NEXUS_MODEL_ROUTES_FILE", dir.resolve("routes.yaml").toString());
    }

    @Test
    void setAddsARouteAndSetAgainReplacesItsTargetAndFallbacks() throws Exception {
        try (NexusHarness nexus = nexus()) {
            var added = nexus.cli("routes", "set", "my-model", "gemini-3-pro-high", "--fallback", "gemini-3-flash,gemini-2.5-pro");
            assertThat(added.code()).as(added.err()).isZero();
            assertThat(added.out()).isEqualTo("Added route my-model -> google/gemini-3-pro-high (fallbacks: gemini-3-flash, gemini-2.5-pro).\n");

            var updated = nexus.cli("routes", "set", "my-model", "claude-sonnet-4-5", "--provider", "GOOGLE",
                    "--fallback", "gemini-3-flash", "--fallback", "gemini-3-pro-low");
            assertThat(updated.out()).startsWith("Updated route my-model -> google/claude-sonnet-4-5");

            JsonNode list = nexus.cli("routes", "list", "--json").json();
            assertThat(list).hasSize(2);
            JsonNode mine = list.get(1);
            assertThat(mine.path("client_model").asText()).isEqualTo("my-model");
            assertThat(mine.path("target_model").asText()).isEqualTo("claude-sonnet-4-5");
            assertThat(mine.path("fallbacks").toString()).isEqualTo("[\"gemini-3-flash\",\"gemini-3-pro-low\"]");
            assertThat(mine.path("is_active").asBoolean()).isTrue();
        }
    }

    @Test
    void theTableShowsEveryRouteInMatchOrder() throws Exception {
        try (NexusHarness nexus = nexus()) {
            nexus.cli("routes", "set", "o3", "gemini-3-pro-high", "--fallback", "gemini-3-flash");
            String[] lines = nexus.cli("routes", "list").out().split("\n");
            assertThat(lines[0]).startsWith("CLIENT").contains("PROVIDER", "TARGET", "FALLBACKS", "ACTIVE", "ID");
            assertThat(lines[1]).startsWith("gpt-4o").contains("google", "gemini-3-flash", "yes");
            assertThat(lines[2]).startsWith("o3").contains("gemini-3-pro-high", "gemini-3-flash");
        }
    }

    @Test
    void aProviderThePolicyRefusesFailsWithTheAllowedList() throws Exception {
        try (NexusHarness nexus = nexus()) {
            var refused = nexus.cli("routes", "set", "claude-opus-4", "gpt-5.2", "--provider", "codex");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).isEqualTo(
                    "nexus: provider \"codex\" is not allowed for client model \"claude-opus-4\" (allowed: google)\n");
            assertThat(nexus.cli("routes", "list", "--json").json()).hasSize(1);
        }
    }

    @Test
    void aTargetThatIsNotAModelIdFailsWithOneLineNamingTheRule() throws Exception {
        try (NexusHarness nexus = nexus()) {
            var refused = nexus.cli("routes", "set", "files", "../../v1beta/files?x=", "--provider", "gemini");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).isEqualTo("nexus: target_model \"../../v1beta/files?x=\" is not a model id provider \"gemini\""
                    + " takes: use letters, digits and . _ : - only, starting with a letter or digit, at most 128 characters,"
                    + " optionally after google/ (e.g. gemini-2.5-flash)\n");
            var fallback = nexus.cli("routes", "set", "x", "gemini-3-flash", "--fallback", "gemini-2.5-pro,../y");
            assertThat(fallback.code()).isEqualTo(1);
            assertThat(fallback.err()).startsWith("nexus: fallbacks[1] \"../y\" is not a model id").doesNotContain("\n\n");
            assertThat(nexus.cli("routes", "list", "--json").json()).hasSize(1);
        }
    }

    @Test
    void removeDeletesTheClientModelsRoutesAndNamesAnUnknownOne() throws Exception {
        try (NexusHarness nexus = nexus()) {
            var removed = nexus.cli("routes", "remove", "gpt-4o");
            assertThat(removed.code()).as(removed.err()).isZero();
            assertThat(removed.out()).isEqualTo("Removed route gpt-4o -> google/gemini-3-flash.\n");
            assertThat(nexus.cli("routes", "list").out()).startsWith("No routes");

            var unknown = nexus.cli("routes", "remove", "gpt-4o");
            assertThat(unknown.code()).isEqualTo(1);
            assertThat(unknown.err()).contains("no route for client model \"gpt-4o\"", "nexus routes list");
            assertThat(nexus.cli("routes", "remove", "x", "--provider", "codex").err()).contains("on provider \"codex\"");
        }
    }

    @Test
    void aRouteSetBeforeTheFirstStartSurvivesIt() throws Exception {
        try (NexusHarness nexus = nexus()) {
            assertThat(nexus.cli("routes", "set", "my-model", "gemini-3-flash").code()).isZero();
            nexus.start();
            assertThat(NexusHarness.json(nexus.get("/api/model-routes").body()).path("routes").findValuesAsText("client_model"))
                    .containsExactly("gpt-4o", "my-model");
        }
    }

    @Test
    void everyRoutesCommandHasHelp() throws Exception {
        try (NexusHarness nexus = new NexusHarness(dir)) {
            for (String[] args : new String[][] {{"routes", "--help"}, {"routes", "list", "--help"}, {"routes", "set", "--help"},
                    {"routes", "remove", "--help"}}) {
                var result = nexus.cli(args);
                assertThat(result.code()).as(String.join(" ", args)).isZero();
                assertThat(result.out()).as(String.join(" ", args)).contains("Usage:");
            }
        }
    }
}
