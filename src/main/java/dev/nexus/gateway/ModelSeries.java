package dev.nexus.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The model families a client name can fall back within when the catalog lacks the exact id: Claude haiku, sonnet and
 * opus, Gemini flash-lite, flash and pro, and gpt-oss. {@link #size} orders a vendor's families from the smallest.
 */
public enum ModelSeries {
    CLAUDE_HAIKU("claude-haiku", "claude", 0),
    CLAUDE_SONNET("claude-sonnet", "claude", 1),
    CLAUDE_OPUS("claude-opus", "claude", 2),
    GEMINI_FLASH_LITE("gemini-flash-lite", "gemini", 0),
    GEMINI_FLASH("gemini-flash", "gemini", 1),
    GEMINI_PRO("gemini-pro", "gemini", 2),
    GPT_OSS("gpt-oss", "gpt-oss", 0);

    /** Words that say which release or mode of a model this is, not what model it is; they never count against a match. */
    private static final Set<String> NEUTRAL = Set.of("latest", "preview", "exp", "experimental", "thinking", "high", "low",
            "medium", "minimal");

    private static final Pattern VERSION = Pattern.compile("\\d{1,2}(\\.\\d{1,2})?");
    private static final Pattern WORD_BREAK = Pattern.compile("[-_]");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern PARAMETERS = Pattern.compile("\\d+b");

    private final String label;
    private final String vendor;
    private final int size;

    ModelSeries(String label, String vendor, int size) {
        this.label = label;
        this.vendor = vendor;
        this.size = size;
    }

    /** How the family is named in {@code X-Nexus-Route}, e.g. {@code claude-opus}. */
    public String label() {
        return label;
    }

    String vendor() {
        return vendor;
    }

    int size() {
        return size;
    }

    /**
     * A model id read as a member of a family, e.g. {@code claude-haiku-4-5-20251001} → claude-haiku 4.5, or
     * {@code gemini-3-pro-high} → gemini-pro 3.0.
     *
     * @param version major × 100 + minor (4.5 → 405, 3 → 300); 0 when the id carries none
     * @param thinking the id ends in, or contains, {@code thinking}
     * @param otherWords words of the id that name something besides family, version and mode (e.g. {@code image}):
     *     a different model than the family's plain one
     */
    public record Member(String id, ModelSeries series, int version, boolean thinking, List<String> otherWords) {}

    /**
     * The family {@code id} belongs to; empty for an id of none (an internal or unknown model). Date suffixes
     * ({@code -20251001}), {@code -latest}, {@code -preview} and three-digit revisions ({@code -001}) are ignored.
     */
    public static Optional<Member> member(String id) {
        String name = id.toLowerCase(Locale.ROOT);
        if (name.startsWith("models/")) {
            name = name.substring("models/".length());
        }
        List<String> words = List.of(WORD_BREAK.split(name));
        Optional<ModelSeries> series = series(words);
        if (series.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> numbers = new ArrayList<>();
        List<String> other = new ArrayList<>();
        boolean versionDone = false;
        for (String word : words.subList(series.get() == GPT_OSS ? 2 : 1, words.size())) {
            if (VERSION.matcher(word).matches()) {
                if (!versionDone && numbers.size() < 2) {
                    for (String n : word.split("\\.")) {
                        numbers.add(Integer.parseInt(n));
                    }
                }
                continue;
            }
            if (!numbers.isEmpty()) {
                versionDone = true;
            }
            if (DIGITS.matcher(word).matches() || isFamilyWord(word, series.get()) || NEUTRAL.contains(word)
                    || series.get() == GPT_OSS && PARAMETERS.matcher(word).matches()) {
                continue;
            }
            other.add(word);
        }
        int version = numbers.isEmpty() ? 0 : numbers.get(0) * 100 + (numbers.size() > 1 ? numbers.get(1) : 0);
        return Optional.of(new Member(id, series.get(), version, words.contains("thinking"), List.copyOf(other)));
    }

    private static Optional<ModelSeries> series(List<String> words) {
        String first = words.get(0);
        if (first.equals("claude")) {
            if (words.contains("opus")) {
                return Optional.of(CLAUDE_OPUS);
            }
            if (words.contains("sonnet")) {
                return Optional.of(CLAUDE_SONNET);
            }
            return words.contains("haiku") ? Optional.of(CLAUDE_HAIKU) : Optional.empty();
        }
        if (first.equals("gemini")) {
            int flash = words.indexOf("flash");
            if (flash >= 0) {
                return Optional.of(flash + 1 < words.size() && words.get(flash + 1).equals("lite") ? GEMINI_FLASH_LITE : GEMINI_FLASH);
            }
            return words.contains("pro") ? Optional.of(GEMINI_PRO) : Optional.empty();
        }
        return first.equals("gpt") && words.size() > 1 && words.get(1).equals("oss") ? Optional.of(GPT_OSS) : Optional.empty();
    }

    private static boolean isFamilyWord(String word, ModelSeries series) {
        return switch (series) {
            case CLAUDE_HAIKU -> word.equals("haiku");
            case CLAUDE_SONNET -> word.equals("sonnet");
            case CLAUDE_OPUS -> word.equals("opus");
            case GEMINI_FLASH_LITE -> word.equals("flash") || word.equals("lite");
            case GEMINI_FLASH -> word.equals("flash");
            case GEMINI_PRO -> word.equals("pro");
            case GPT_OSS -> false;
        };
    }
}
