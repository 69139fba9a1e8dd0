package dev.nexus.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CooldownTableTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final MemoryCooldowns memory = new MemoryCooldowns();
    private final List<CooldownRepository.Cooldown> saved = memory.saved;

    private CooldownTable table(Instant now) {
        return new CooldownTable(Clock.fixed(now, ZoneOffset.UTC), memory, Runnable::run);
    }

    @Test
    void aRestingPairIsSkippedForItsModelOnly() {
        CooldownTable t = table(NOW);
        t.coolDown("a", "gemini-3-flash", NOW.plusSeconds(30));
        assertThat(t.coolingUntil("a", "gemini-3-flash")).contains(NOW.plusSeconds(30));
        assertThat(t.coolingUntil("a", "claude-sonnet-4-5")).isEmpty();
        assertThat(t.coolingUntil("b", "gemini-3-flash")).isEmpty();
    }

    @Test
    void restsEndByThemselves() {
        table(NOW).coolDown("a", "m", NOW.plusSeconds(30));
        assertThat(table(NOW.plusSeconds(31)).coolingUntil("a", "m")).isEmpty();
    }

    @Test
    void hintsAreClampedBetweenFloorAndCap() {
        CooldownTable t = table(NOW);
        assertThat(t.coolDown("a", "m", NOW.plusMillis(10))).isEqualTo(NOW.plus(CooldownTable.FLOOR));
        assertThat(t.coolDown("b", "m", NOW.plus(Duration.ofDays(2)))).isEqualTo(NOW.plus(CooldownTable.CAP));
    }

    @Test
    void aShorterHintNeverShortensALongerRest() {
        CooldownTable t = table(NOW);
        t.coolDown("a", "m", NOW.plusSeconds(60));
        assertThat(t.coolDown("a", "m", NOW.plusSeconds(5))).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void theEarliestResetAmongAccountsIsKnown() {
        CooldownTable t = table(NOW);
        t.coolDown("a", "m", NOW.plusSeconds(90));
        t.coolDown("b", "m", NOW.plusSeconds(40));
        assertThat(t.earliestReset(List.of("a", "b", "c"), "m")).isEqualTo(Optional.of(NOW.plusSeconds(40)));
    }

    @Test
    void restsAreWrittenThroughAndReloaded() {
        table(NOW).coolDown("a", "m", NOW.plusSeconds(90));
        assertThat(saved).containsExactly(new CooldownRepository.Cooldown("a", "m", NOW.plusSeconds(90)));
        assertThat(table(NOW).coolingUntil("a", "m")).contains(NOW.plusSeconds(90));
    }

    @Test
    void aCooldownForEveryModelRestsTheAccountForEachModelAndTheLaterRestWins() {
        CooldownTable table = table(NOW);
        table.coolDown("a1", CredentialSource.EVERY_MODEL, NOW.plusSeconds(120));
        table.coolDown("a2", "gemini-3-flash", NOW.plusSeconds(300));
        table.coolDown("a2", CredentialSource.EVERY_MODEL, NOW.plusSeconds(60));

        assertThat(table.coolingUntil("a1", "gemini-3-flash")).contains(NOW.plusSeconds(120));
        assertThat(table.coolingUntil("a1", "claude-sonnet-4-5")).contains(NOW.plusSeconds(120));
        assertThat(table.coolingUntil("a2", "gemini-3-flash")).contains(NOW.plusSeconds(300));
        assertThat(table.coolingUntil("a2", "claude-sonnet-4-5")).contains(NOW.plusSeconds(60));
        assertThat(table.earliestReset(List.of("a1", "a2"), "claude-sonnet-4-5")).contains(NOW.plusSeconds(60));
    }

    @Test
    void aRestAnotherInstanceStoredIsTakenInWhenTheRevisionMoves() {
        CooldownTable t = table(NOW);
        assertThat(t.coolingUntil("a", "m")).isEmpty();
        saved.add(new CooldownRepository.Cooldown("a", "m", NOW.plusSeconds(60)));
        t.refreshIfChanged();
        assertThat(t.coolingUntil("a", "m")).contains(NOW.plusSeconds(60));
        t.coolDown("a", "m", NOW.plusSeconds(90));
        saved.add(new CooldownRepository.Cooldown("b", "m", NOW.plusSeconds(10)));
        t.refreshIfChanged();
        assertThat(t.coolingUntil("a", "m")).as("the later end wins").contains(NOW.plusSeconds(90));
    }
}
