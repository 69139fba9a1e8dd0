package dev.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.testing.NexusHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nexus quota} against the fake Cloud Code, with no server running. */
class QuotaCommandTest {
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private Instant reset;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        nexus = new NexusHarness(dir)
                .usingGoogle(google);
        reset = Instant.now().plus(Duration.ofHours(3).plusMinutes(20).plusSeconds(30)).truncatedTo(ChronoUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        nexus.close();
        google.close();
    }

    private void link(String email, String project) {
        var imported = nexus.cli("accounts", "import", "--refresh-token", google.addAccount(email, project).refreshToken());
        assertThat(imported.code()).as(imported.err()).isZero();
    }

    @Test
    void withoutAnAccountThePrimarysQuotaIsShownAsATable() {
        link("alice@example.com", "proj-alice");
        link("bob@example.com", "proj-bob");
        google.setQuota("alice@example.com", "gemini-3-flash", 0.25, reset);
        google.setRemainingFraction("alice@example.com", "claude-sonnet-4-5", 0.0);

        var result = nexus.cli("quota");
        assertThat(result.code()).as(result.err()).isZero();
        String[] lines = result.out().split("\n");
        assertThat(lines[0]).startsWith("Quota of alice@example.com (primary), account ");
        assertThat(lines[1]).startsWith("MODEL").contains("NAME", "REMAINING", "RESETS IN", "RESETS AT");
        String flash = Arrays.stream(lines).filter(l -> l.startsWith("gemini-3-flash ")).findFirst().orElseThrow();
        assertThat(flash).contains("Gemini 3 Flash", " 25.0% [###.......]", "3h 20m", reset.toString());
        String sonnet = Arrays.stream(lines).filter(l -> l.startsWith("claude-sonnet-4-5 ")).findFirst().orElseThrow();
        assertThat(sonnet).contains("  0.0% [..........]");
        assertThat(Arrays.stream(lines).filter(l -> l.startsWith("gpt-oss-120b-medium ")).findFirst().orElseThrow())
                .contains("100.0% [##########]", "4h 59m");
    }

    @Test
    void aNamedAccountsQuotaComesAsJsonWithTheFullEmail() {
        link("alice@example.com", "proj-alice");
        link("bob@example.com", "proj-bob");
        google.setQuota("bob@example.com", "gemini-3-pro-high", 0.5, reset);

        var result = nexus.cli("quota", "BOB@example.com", "--json");
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode body = result.json();
        assertThat(body.path("email").asText()).isEqualTo("bob@example.com");
        assertThat(body.path("count").asInt()).isEqualTo(dev.nexus.fake.FakeModel.defaults().size());
        JsonNode pro = body.path("models").get(6); // sorted by id
        assertThat(pro.path("id").asText()).isEqualTo("gemini-3-pro-high");
        assertThat(pro.path("remaining_fraction").asDouble()).isEqualTo(0.5);
        assertThat(pro.path("reset_time").asText()).isEqualTo(reset.toString());
        assertThat(google.requests(":fetchAvailableModels").get(0).json().path("project").asText()).isEqualTo("proj-bob");
    }

    @Test
    void anAccountWhoseTokenIsRevokedFailsNamingTheAccountInFullAndTheFix() {
        google.accessTokenLifetime(Duration.ofSeconds(30));
        link("alice@example.com", "proj-alice");
        google.revokeRefreshToken("alice@example.com");

        var result = nexus.cli("quota");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).startsWith("nexus: account alice@example.com needs re-login").contains("nexus accounts login");
        assertThat(nexus.cli("accounts", "list", "--json").json().get(0).path("state").asText()).isEqualTo("needs_relogin");
    }

    @Test
    void unknownAccountsAndAnEmptyDatabaseSayWhatToDo() {
        var none = nexus.cli("quota");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no Google account is linked", "nexus accounts import");
        link("alice@example.com", "proj-alice");
        var unknown = nexus.cli("quota", "carol@example.com");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("no account with id or email 'carol@example.com'");
    }

    @Test
    void withoutAPrimaryTheOldestAccountIsShownAndSaidSo() {
        link("alice@example.com", "proj-alice");
        link("bob@example.com", "proj-bob");
        String alice = nexus.cli("accounts", "list", "--json").json().get(0).path("id").asText();
        assertThat(nexus.cli("accounts", "remove", alice).code()).isZero();
        // Removing the primary passes it on, so clear it by hand to reach the no-primary case.
        try (var state = NexusState.open(new dev.nexus.config.SettingsLoader(nexus.env(), dir).load(), dir,
                new java.security.SecureRandom(), java.time.Clock.systemUTC())) {
            state.database.jdbi().useHandle(h -> h.execute("UPDATE accounts SET is_primary = ?", false));
        }
        var result = nexus.cli("quota");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).contains("no primary account; showing the oldest, bob@example.com");
        assertThat(result.out()).startsWith("Quota of bob@example.com, account ");
    }

    @Test
    void resetTimesReadAsShortDurations() {
        assertThat(QuotaTable.in(Duration.ofDays(2).plusHours(3).plusMinutes(5))).isEqualTo("2d 3h");
        assertThat(QuotaTable.in(Duration.ofHours(4).plusMinutes(59))).isEqualTo("4h 59m");
        assertThat(QuotaTable.in(Duration.ofMinutes(12))).isEqualTo("12m");
        assertThat(QuotaTable.in(Duration.ofSeconds(20))).isEqualTo("<1m");
        assertThat(QuotaTable.in(Duration.ofSeconds(-5))).isEqualTo("now");
        assertThat(QuotaTable.remaining(0.873)).isEqualTo(" 87.3% [#########.]");
        assertThat(QuotaTable.remaining(1.7)).isEqualTo("100.0% [##########]");
    }

    @Test
    void quotaHasHelp() {
        var result = nexus.cli("quota", "--help");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("Usage:", "ACCOUNT", "--json");
    }
}
