package dev.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeAccount;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.testing.NexusHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code accounts import} asking Google (the fake) for the email and the Cloud Code project. */
class AccountImportDiscoveryTest {
    @TempDir
    Path dir;
    @TempDir
    Path files;
    private FakeGoogle google;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        nexus = new NexusHarness(dir).usingGoogle(google);
    }

    @AfterEach
    void stop() {
        nexus.close();
        google.close();
    }

    @Test
    void aRefreshTokenAloneIsEnoughToImportAnAccount() {
        FakeAccount alice = google.addAccount("alice@example.com", "proj-alice", "standard-tier");
        var result = nexus.cli("accounts", "import", "--refresh-token", alice.refreshToken());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("alice@example.com", "proj-alice", "standard-tier");

        JsonNode account = nexus.cli("accounts", "list", "--json").json().get(0);
        assertThat(account.path("email").asText()).isEqualTo("alice@example.com");
        assertThat(account.path("project_id").asText()).isEqualTo("proj-alice");
        assertThat(account.path("tier").asText()).isEqualTo("standard-tier");
        assertThat(google.requests("/token").get(0).form()).containsEntry("grant_type", "refresh_token")
                .containsEntry("client_id", FakeGoogle.ANTIGRAVITY_CLIENT_ID);
        assertThat(account.path("oauth_client").asText()).isEqualTo("antigravity");
    }

    @Test
    void anAccountWithoutATierIsOnboardedAndItsNewProjectRecorded() {
        FakeAccount bob = google.addAccount("bob@example.com", "proj-bob");
        google.setOnboarded("bob@example.com", false);
        var result = nexus.cli("accounts", "import", "--refresh-token", bob.refreshToken());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(google.requests(":onboardUser")).isNotEmpty();
        assertThat(nexus.cli("accounts", "list", "--json").json().get(0).path("project_id").asText()).isEqualTo("proj-bob");
    }

    @Test
    void aRevokedRefreshTokenIsRefusedWithTheFix() {
        FakeAccount carol = google.addAccount("carol@example.com", "proj-carol");
        google.revokeRefreshToken("carol@example.com");
        var result = nexus.cli("accounts", "import", "--refresh-token", carol.refreshToken());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("invalid_grant", "pass --email").doesNotContain(carol.refreshToken());
        assertThat(nexus.cli("accounts", "list", "--json").json()).isEmpty();
    }

    @Test
    void aCredentialFileWithoutEmailOrProjectIsCompletedByGoogle() throws IOException {
        google.addAccount("dana@example.com", "proj-dana", "standard-tier");
        // Gemini CLI's file holds a token of Gemini CLI's client, and Nexus refreshes it with that client.
        String danaToken = google.issueRefreshToken("dana@example.com", FakeGoogle.GEMINI_CLI_CLIENT_ID);
        Path creds = Files.writeString(files.resolve("oauth_creds.json"),
                "{\"refresh_token\":\"" + danaToken + "\",\"expiry_date\":1,\"token_type\":\"Bearer\"}");

        var result = nexus.cli("accounts", "import", "--file", creds.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Imported dana@example.com", "project proj-dana", "tier standard-tier")
                .doesNotContain(danaToken);
        assertThat(google.requests("/userinfo")).hasSize(1);
        assertThat(google.tokenClientIds()).containsExactly(FakeGoogle.GEMINI_CLI_CLIENT_ID);
        JsonNode account = nexus.cli("accounts", "list", "--json").json().get(0);
        assertThat(account.path("project_id").asText()).isEqualTo("proj-dana");
    }

    @Test
    void anAntigravityFileWithItsProjectAsksGoogleNothing() throws IOException {
        FakeAccount erin = google.addAccount("erin@example.com", "proj-erin");
        Path file = Files.writeString(files.resolve("erin.json"), "{\"id\":\"e1\",\"email\":\"erin@example.com\",\"token\":"
                + "{\"refresh_token\":\"" + erin.refreshToken() + "\",\"project_id\":\"proj-erin\"}}");

        var result = nexus.cli("accounts", "import", "--file", file.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(google.requests()).isEmpty();
    }
}
