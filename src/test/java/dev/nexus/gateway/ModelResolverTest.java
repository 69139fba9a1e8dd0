package dev.nexus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every rule of the catalog part of model resolution ({@link ModelResolver#choose}), on catalogs like Cloud Code's. */
class ModelResolverTest {
    /** The catalog of an Antigravity account in 2026, with internal ids that belong to no family. */
    private static final List<String> ANTIGRAVITY = List.of("gemini-3-flash", "gemini-3-pro-high", "gemini-3-pro-low",
            "gemini-3-pro-image", "gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.5-flash-thinking", "claude-sonnet-4-5",
            "claude-sonnet-4-5-thinking", "claude-opus-4-6-thinking", "gpt-oss-120b-medium", "chat_20706", "rev19-uic3-1p");

    private static Optional<ModelResolver.Choice> choose(String client, boolean thinking, List<String> catalog) {
        return ModelResolver.choose(client, thinking, catalog);
    }

    @Test
    void anIdTheCatalogListsIsUsedAsItIs() {
        assertThat(choose("gemini-3-pro-image", false, ANTIGRAVITY)).contains(new ModelResolver.Choice("gemini-3-pro-image", "catalog"));
        assertThat(choose("claude-sonnet-4-5", true, ANTIGRAVITY)).contains(new ModelResolver.Choice("claude-sonnet-4-5", "catalog"));
    }

    @Test
    void claudeCodesDefaultOpusGoesToTheNearestOpus() {
        assertThat(choose("claude-opus-4-8", false, ANTIGRAVITY)).contains(
                new ModelResolver.Choice("claude-opus-4-6-thinking", "family claude-opus, nearest version"));
    }

    @Test
    void dateSuffixesAndLatestAreIgnored() {
        assertThat(choose("claude-sonnet-4-5-20250929", false, ANTIGRAVITY)).map(ModelResolver.Choice::model).contains("claude-sonnet-4-5");
        assertThat(choose("claude-sonnet-4-5-latest", false, ANTIGRAVITY)).map(ModelResolver.Choice::model).contains("claude-sonnet-4-5");
        assertThat(choose("gemini-2.5-flash-preview-09-2025", false, ANTIGRAVITY)).map(ModelResolver.Choice::model)
                .contains("gemini-2.5-flash");
    }

    @Test
    void theThinkingVariantWhenThinkingIsAskedThePlainOneOtherwise() {
        assertThat(choose("claude-sonnet-4-5-20250929", true, ANTIGRAVITY)).map(ModelResolver.Choice::model)
                .contains("claude-sonnet-4-5-thinking");
        assertThat(choose("claude-sonnet-4-6", false, ANTIGRAVITY)).map(ModelResolver.Choice::model).contains("claude-sonnet-4-5");
        assertThat(choose("claude-sonnet-4-6-thinking", false, ANTIGRAVITY)).as("the name asks for thinking")
                .map(ModelResolver.Choice::model).contains("claude-sonnet-4-5-thinking");
    }

    @Test
    void theNearestVersionWinsOverTheThinkingMode() {
        List<String> catalog = List.of("claude-sonnet-4-5", "claude-sonnet-3-7-thinking");
        assertThat(choose("claude-sonnet-4-6", true, catalog)).map(ModelResolver.Choice::model).contains("claude-sonnet-4-5");
    }

    @Test
    void onAVersionTieTheNewerWins() {
        assertThat(choose("gemini-3.0-pro", false, List.of("gemini-2.5-pro", "gemini-3.5-pro"))).map(ModelResolver.Choice::model)
                .contains("gemini-3.5-pro");
    }

    @Test
    void geminiCliAutoModeNamesResolveWithinTheirFamilies() {
        assertThat(choose("gemini-3.1-pro-preview", false, ANTIGRAVITY)).contains(
                new ModelResolver.Choice("gemini-3-pro-high", "family gemini-pro, nearest version"));
        assertThat(choose("gemini-3.5-flash-lite", false, ANTIGRAVITY)).contains(
                new ModelResolver.Choice("gemini-2.5-flash-lite", "family gemini-flash-lite, nearest version"));
        assertThat(choose("gemini-3.5-flash", false, ANTIGRAVITY)).map(ModelResolver.Choice::model).contains("gemini-3-flash");
    }

    @Test
    void aModelNamingSomethingBesidesItsFamilyIsTakenOnlyWhenAskedFor() {
        assertThat(choose("gemini-3-pro", false, List.of("gemini-3-pro-image", "gemini-2.5-pro"))).map(ModelResolver.Choice::model)
                .contains("gemini-2.5-pro");
        assertThat(choose("gemini-3.1-pro-image", false, List.of("gemini-3-pro-image", "gemini-2.5-pro"))).map(ModelResolver.Choice::model)
                .contains("gemini-3-pro-image");
    }

    @Test
    void olderClaudeNamesWithTheVersionFirstBelongToTheirFamily() {
        assertThat(choose("claude-3-5-sonnet-20241022", false, ANTIGRAVITY)).map(ModelResolver.Choice::model).contains("claude-sonnet-4-5");
    }

    @Test
    void aMissingFamilyTakesTheNearestOfItsVendorTheSmallerOnATie() {
        assertThat(choose("claude-haiku-4-5-20251001", false, ANTIGRAVITY)).contains(new ModelResolver.Choice("claude-sonnet-4-5",
                "family claude-haiku not in the catalog, nearest family claude-sonnet"));
        assertThat(choose("claude-sonnet-4-5", false, List.of("claude-opus-4-6-thinking", "claude-haiku-4-5")))
                .map(ModelResolver.Choice::model).contains("claude-haiku-4-5");
        assertThat(choose("claude-opus-4-8", false, List.of("claude-haiku-4-5", "claude-sonnet-4-5")))
                .map(ModelResolver.Choice::model).contains("claude-sonnet-4-5");
        assertThat(choose("gemini-2.5-flash-lite", false, List.of("gemini-3-pro-high", "gemini-3-flash")))
                .map(ModelResolver.Choice::model).contains("gemini-3-flash");
    }

    @Test
    void claudeWithoutAnyClaudeModelGoesToTheGeminiFamilyOfItsSize() {
        List<String> geminiOnly = List.of("gemini-2.5-flash", "gemini-3-flash", "gemini-2.5-pro", "gemini-3-pro-preview");
        assertThat(choose("claude-haiku-4-5-20251001", false, geminiOnly)).contains(new ModelResolver.Choice("gemini-3-flash",
                "no Claude model in the catalog, family gemini-flash"));
        assertThat(choose("claude-opus-4-8", false, geminiOnly)).map(ModelResolver.Choice::model).contains("gemini-3-pro-preview");
        assertThat(choose("claude-sonnet-4-5", false, geminiOnly)).map(ModelResolver.Choice::model).contains("gemini-3-pro-preview");
    }

    @Test
    void geminiAndGptOssDoNotCrossToAnotherVendor() {
        assertThat(choose("gemini-3-flash", false, List.of("claude-sonnet-4-5"))).isEmpty();
        assertThat(choose("gpt-oss-20b", false, List.of("gemini-3-flash"))).isEmpty();
        assertThat(choose("gpt-oss-20b", false, ANTIGRAVITY)).map(ModelResolver.Choice::model).contains("gpt-oss-120b-medium");
    }

    @Test
    void aNameOfNoFamilyResolvesOnlyExactly() {
        assertThat(choose("gpt-4o", false, ANTIGRAVITY)).isEmpty();
        assertThat(choose("claude-instant-1", false, ANTIGRAVITY)).isEmpty();
        assertThat(choose("chat_20706", false, ANTIGRAVITY)).map(ModelResolver.Choice::model).contains("chat_20706");
    }

    @Test
    void familyMembersAreReadFromTheIdsShapes() {
        assertThat(ModelSeries.member("claude-haiku-4-5-20251001")).contains(
                new ModelSeries.Member("claude-haiku-4-5-20251001", ModelSeries.CLAUDE_HAIKU, 405, false, List.of()));
        assertThat(ModelSeries.member("gemini-2.0-flash-lite-001")).contains(
                new ModelSeries.Member("gemini-2.0-flash-lite-001", ModelSeries.GEMINI_FLASH_LITE, 200, false, List.of()));
        assertThat(ModelSeries.member("claude-opus-4-6-thinking")).contains(
                new ModelSeries.Member("claude-opus-4-6-thinking", ModelSeries.CLAUDE_OPUS, 406, true, List.of()));
        assertThat(ModelSeries.member("gemini-3-pro-image")).contains(
                new ModelSeries.Member("gemini-3-pro-image", ModelSeries.GEMINI_PRO, 300, false, List.of("image")));
        assertThat(ModelSeries.member("gpt-oss-120b-medium")).contains(
                new ModelSeries.Member("gpt-oss-120b-medium", ModelSeries.GPT_OSS, 0, false, List.of()));
        assertThat(ModelSeries.member("gemini-embedding-001")).isEmpty();
    }
}
