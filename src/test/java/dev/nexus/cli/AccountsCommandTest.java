package dev.nexus.cli;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.account.Account;
import dev.nexus.config.ConfigException;
import dev.nexus.config.SettingsLoader;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.StoredValues;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsCommandTest {
    private static final String REFRESH = "1//0gSecretRefreshTokenValue-abcdef";
    @TempDir
    Path dir;

    @Test
    void importedAccountsAreListedWithTheDocumentedJsonFields() {
        try (NexusHarness nexus = new NexusHarness(dir)) {
            var imported = nexus.cli("accounts", "import", "--refresh-token", REFRESH, "--email", "alice@example.com", "--project", "proj-a");
            assertThat(imported.code()).as(imported.err()).isZero();
            assertThat(imported.out()).contains("Imported alice@example.com").contains("(primary)");

            JsonNode list = nexus.cli("accounts", "list", "--json").json();
            assertThat(list).hasSize(1);
            JsonNode a = list.get(0);
            List<String> fields = new ArrayList<>();
            a.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("id", "email", "provider", "state", "state_reason", "state_since", "primary",
                    "project_id", "tier", "oauth_client");
            assertThat(a.path("oauth_client").asText()).as("no GOOGLE_CLIENT_ID: the default profile").isEqualTo("antigravity");
            assertThat(a.path("email").asText()).isEqualTo("alice@example.com");
            assertThat(a.path("provider").asText()).isEqualTo("google");
            assertThat(a.path("state").asText()).isEqualTo("active");
            assertThat(a.path("primary").asBoolean()).isTrue();
            assertThat(a.path("project_id").asText()).isEqualTo("proj-a");
            assertThat(a.path("tier").isNull()).isTrue();
            assertThat(a.path("state_reason").isNull()).isTrue();
            assertThat(java.time.Instant.parse(a.path("state_since").asText())).isNotNull();

            assertThat(nexus.cli("accounts", "list").out()).contains("alice@example.com", "active", "proj-a");
        }
    }

    @Test
    void importedTokensAreEncryptedInTheDatabaseAndDecryptBack() throws Exception {
        try (NexusHarness nexus = new NexusHarness(dir)) {
            assertThat(nexus.cli("accounts", "import", "--refresh-token", REFRESH, "--email", "a@example.com").code()).isZero();
            assertThat(StoredValues.of(dir.resolve("nexus.db"))).noneMatch(v -> v.contains("SecretRefreshTokenValue"));

            try (NexusState state = NexusState.open(new SettingsLoader(nexus.env(), dir).load(), dir, new SecureRandom(), Clock.systemUTC())) {
                Account account = state.accounts.list().get(0);
                assertThat(account.refreshToken().reveal()).isEqualTo(REFRESH);
            }
        }
    }

    @Test
    void aWrongSecretKeyGivesAClearStartUpErrorNotGarbage() {
        try (NexusHarness first = new NexusHarness(dir).env("NEXUS_SECRET_KEY", "the original key")) {
            assertThat(first.cli("accounts", "import", "--refresh-token", REFRESH, "--email", "a@example.com").code()).isZero();
        }
        try (NexusHarness wrong = new NexusHarness(dir).env("NEXUS_SECRET_KEY", "a different key")) {
            var result = wrong.cli("accounts", "list");
            assertThat(result.code()).isEqualTo(2);
            assertThat(result.err()).startsWith("nexus: the secret key from NEXUS_SECRET_KEY is not the key this database was encrypted with");
            assertThat(result.out()).doesNotContain("a@example.com");
            assertThatThrownBy(wrong::start).isInstanceOf(ConfigException.class).hasMessageContaining("NEXUS_SECRET_KEY");
        }
        try (NexusHarness right = new NexusHarness(dir).env("NEXUS_SECRET_KEY", "the original key")) {
            assertThat(right.cli("accounts", "list").out()).contains("a@example.com");
        }
    }

    @Test
    void withoutASecretKeyAKeyFileIsCreatedBesideTheDatabase() {
        try (NexusHarness nexus = new NexusHarness(dir)) {
            assertThat(nexus.cli("accounts", "list").code()).isZero();
            assertThat(dir.resolve("nexus.db.key")).exists();
        }
    }

    @Test
    void aRunningServerSeesAnAccountImportedByTheCliWithinTwoSeconds() {
        try (NexusHarness nexus = new NexusHarness(dir).start()) {
            assertThat(json(nexus.get("/api/accounts").body()).path("count").asInt()).isZero();
            assertThat(nexus.cli("accounts", "import", "--refresh-token", REFRESH, "--email", "bob.jones@example.com").code()).isZero();
            Duration took = NexusHarness.awaitTrue(Duration.ofSeconds(2),
                    () -> json(nexus.get("/api/accounts").body()).path("count").asInt() == 1);
            assertThat(took).isLessThan(Duration.ofSeconds(2));
            JsonNode account = json(nexus.get("/api/accounts").body()).path("accounts").get(0);
            assertThat(account.path("email").asText()).isEqualTo("b***s@e***.com");
            assertThat(nexus.get("/api/accounts").body()).doesNotContain("bob.jones", REFRESH);
        }
    }

    @Test
    void reimportingAnEmailUpdatesTheAccountInsteadOfAddingOne() {
        try (NexusHarness nexus = new NexusHarness(dir)) {
            nexus.cli("accounts", "import", "--refresh-token", REFRESH, "--email", "a@example.com");
            var again = nexus.cli("accounts", "import", "--refresh-token", "1//another", "--email", "A@example.com");
            assertThat(again.out()).startsWith("Updated");
            assertThat(nexus.cli("accounts", "list", "--json").json()).hasSize(1);
        }
    }

    @Test
    void accountsAreRemovedByIdOrEmail() {
        try (NexusHarness nexus = new NexusHarness(dir)) {
            nexus.cli("accounts", "import", "--refresh-token", "1//a", "--email", "a@example.com");
            nexus.cli("accounts", "import", "--refresh-token", "1//b", "--email", "b@example.com");
            String idOfB = nexus.cli("accounts", "list", "--json").json().get(1).path("id").asText();
            assertThat(nexus.cli("accounts", "remove", "A@EXAMPLE.COM").code()).isZero();
            assertThat(nexus.cli("accounts", "remove", idOfB).out()).contains("Removed b@example.com");
            assertThat(nexus.cli("accounts", "list", "--json").json()).isEmpty();
            var missing = nexus.cli("accounts", "remove", "nobody@example.com");
            assertThat(missing.code()).isEqualTo(1);
            assertThat(missing.err()).contains("no account with id or email 'nobody@example.com'", "nexus accounts list");
        }
    }

    @Test
    void disableTakesAnAccountOutOfServiceWithAReasonTheListShowsAndEnableBringsItBack() {
        try (NexusHarness nexus = new NexusHarness(dir)) {
            nexus.cli("accounts", "import", "--refresh-token", "1//a", "--email", "a@example.com");
            var disabled = nexus.cli("accounts", "disable", "A@example.com");
            assertThat(disabled.code()).as(disabled.err()).isZero();
            assertThat(disabled.out()).startsWith("Disabled a@example.com").contains("stays primary");
            JsonNode a = nexus.cli("accounts", "list", "--json").json().get(0);
            assertThat(a.path("state").asText()).isEqualTo("disabled");
            assertThat(a.path("state_reason").asText()).isEqualTo("disabled by the operator");
            String table = nexus.cli("accounts", "list").out();
            assertThat(table.split("\n")[0]).contains("STATE", "SINCE");
            assertThat(table).contains("disabled (disabled by the operator)", a.path("state_since").asText());

            assertThat(nexus.cli("accounts", "enable", a.path("id").asText()).out()).startsWith("Enabled a@example.com");
            JsonNode enabled = nexus.cli("accounts", "list", "--json").json().get(0);
            assertThat(enabled.path("state").asText()).isEqualTo("active");
            assertThat(enabled.path("state_reason").isNull()).isTrue();
        }
    }

    @Test
    void promoteMakesAnAccountTheOnlyPrimaryAndUnknownNamesAreRefused() {
        try (NexusHarness nexus = new NexusHarness(dir)) {
            nexus.cli("accounts", "import", "--refresh-token", "1//a", "--email", "a@example.com");
            nexus.cli("accounts", "import", "--refresh-token", "1//b", "--email", "b@example.com");
            var promoted = nexus.cli("accounts", "promote", "b@example.com");
            assertThat(promoted.code()).as(promoted.err()).isZero();
            assertThat(promoted.out()).startsWith("Promoted b@example.com").endsWith("to primary.\n");
            JsonNode list = nexus.cli("accounts", "list", "--json").json();
            assertThat(list.get(0).path("primary").asBoolean()).isFalse();
            assertThat(list.get(1).path("primary").asBoolean()).isTrue();
            for (String command : new String[] {"promote", "enable", "disable"}) {
                var unknown = nexus.cli("accounts", command, "nobody@example.com");
                assertThat(unknown.code()).as(command).isEqualTo(1);
                assertThat(unknown.err()).as(command).contains("no account with id or email 'nobody@example.com'");
            }
        }
    }

    @Test
    void aChatGptAccountCannotBePromotedWithAOneLineReason() {
        try (NexusHarness nexus = new NexusHarness(dir); dev.nexus.fake.FakeOpenAi openai = dev.nexus.fake.FakeOpenAi.start()) {
            nexus.cli("accounts", "import", "--refresh-token", "1//a", "--email", "a@example.com");
            openai.addAccount("coder@example.com", "plus");
            nexus.importChatGptAccount(openai, "coder@example.com");
            var refused = nexus.cli("accounts", "promote", "coder@example.com");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).startsWith("nexus: account '").contains("is a ChatGPT account and cannot be primary",
                    "promote a Google account").hasLineCount(1);
            JsonNode list = nexus.cli("accounts", "list", "--json").json();
            assertThat(list).filteredOn(a -> a.path("primary").asBoolean()).extracting(a -> a.path("email").asText())
                    .containsExactly("a@example.com");
        }
    }

    @Test
    void aRunningServerSeesACliDisableWithinTwoSeconds() {
        try (NexusHarness nexus = new NexusHarness(dir)) {
            nexus.cli("accounts", "import", "--refresh-token", "1//a", "--email", "a@example.com");
            nexus.start();
            assertThat(nexus.cli("accounts", "disable", "a@example.com").code()).isZero();
            NexusHarness.awaitTrue(Duration.ofSeconds(2), () -> json(nexus.get("/api/accounts").body())
                    .at("/accounts/0/state").asText().equals("disabled"));
        }
    }

    @Test
    void everyCommandHasHelp() {
        try (NexusHarness nexus = new NexusHarness(dir)) {
            for (String[] args : new String[][] {{"--help"}, {"serve", "--help"}, {"version", "--help"}, {"keys", "--help"},
                    {"keys", "create", "--help"}, {"keys", "list", "--help"}, {"keys", "revoke", "--help"},
                    {"accounts", "--help"}, {"accounts", "list", "--help"}, {"accounts", "import", "--help"},
                    {"accounts", "remove", "--help"}, {"accounts", "enable", "--help"}, {"accounts", "disable", "--help"},
                    {"accounts", "promote", "--help"}}) {
                var result = nexus.cli(args);
                assertThat(result.code()).as(String.join(" ", args)).isZero();
                assertThat(result.out()).as(String.join(" ", args)).contains("Usage:");
            }
        }
    }
}
