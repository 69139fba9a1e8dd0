package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Reasoning;
import dev.nexus.chat.Reasoning.Effort;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Reasoning} as a Gemini {@code thinkingConfig}. Nothing is sent when the client said nothing.
 *
 * <p>Effort ↔ budget table (tokens): none 0, minimal 512, low 1024, medium 8192, high 24576, xhigh 32768.
 *
 * <ul>
 *   <li>Gemini 3 takes a level: efforts map by name (XHIGH → HIGH); off or NONE → LOW, because Gemini 3 Pro cannot
 *       switch thinking off; a budget becomes the level whose table budget is nearest; Pro models have no MINIMAL,
 *       so it becomes LOW. A dynamic request ({@code enabled} alone, or budget -1) leaves the level to Gemini.
 *   <li>Other Gemini models take a budget: efforts from the table, budgets as they are, dynamic as -1, off as 0
 *       — except Gemini 2.5 Pro, which cannot switch off and gets its minimum of 128.
 *   <li>Claude models take a budget of at least 1024 (Anthropic's minimum); dynamic is the medium budget; off
 *       sends no thinkingConfig at all.
 * </ul>
 * {@code includeThoughts} is true whenever thinking is on, so signed thoughts come back for replay; when the client
 * switched thinking off, only an explicit {@code includeThoughts} is passed on.
 */
final class ThinkingConfigs {
    static final Map<Effort, Integer> BUDGETS = Map.of(Effort.NONE, 0, Effort.MINIMAL, 512, Effort.LOW, 1024,
            Effort.MEDIUM, 8192, Effort.HIGH, 24576, Effort.XHIGH, 32768);
    static final int CLAUDE_MINIMUM = 1024;
    static final int GEMINI_25_PRO_MINIMUM = 128;
    static final int DYNAMIC = -1;

    private ThinkingConfigs() {}

    static Optional<ObjectNode> encode(Reasoning reasoning, GeminiTarget target) {
        if (reasoning.equals(Reasoning.UNSPECIFIED)) {
            return Optional.empty();
        }
        ObjectNode config = Wire.object();
        if (isOff(reasoning)) {
            if (target.isClaude()) {
                return Optional.empty();
            }
            if (target.isGemini3()) {
                config.put("thinkingLevel", "LOW");
            } else {
                config.put("thinkingBudget", target.isPro() ? GEMINI_25_PRO_MINIMUM : 0);
            }
            reasoning.includeThoughts().ifPresent(include -> config.put("includeThoughts", include));
            return Optional.of(config);
        }
        if (reasoning.enabled().isEmpty() && reasoning.effort().isEmpty() && reasoning.budgetTokens().isEmpty()) {
            reasoning.includeThoughts().ifPresent(include -> config.put("includeThoughts", include));
            return Optional.of(config);
        }
        config.put("includeThoughts", true);
        Optional<Integer> budget = reasoning.effort().map(BUDGETS::get).or(reasoning::budgetTokens);
        if (target.isGemini3()) {
            Optional<String> level = reasoning.effort().map(ThinkingConfigs::level)
                    .or(() -> budget.filter(b -> b > 0).map(ThinkingConfigs::nearestLevel));
            level.map(l -> target.isPro() && l.equals("MINIMAL") ? "LOW" : l).ifPresent(l -> config.put("thinkingLevel", l));
        } else if (target.isClaude()) {
            int tokens = budget.filter(b -> b > 0).orElse(BUDGETS.get(Effort.MEDIUM));
            config.put("thinkingBudget", Math.max(tokens, CLAUDE_MINIMUM));
        } else {
            config.put("thinkingBudget", budget.orElse(DYNAMIC));
        }
        return Optional.of(config);
    }

    /** Off: {@code enabled=false}, effort NONE, or (without an effort) a budget of 0. */
    private static boolean isOff(Reasoning reasoning) {
        if (reasoning.enabled().equals(Optional.of(false))) {
            return true;
        }
        return reasoning.effort().map(e -> e == Effort.NONE).orElse(reasoning.budgetTokens().equals(Optional.of(0)));
    }

    private static String level(Effort effort) {
        return switch (effort) {
            case NONE, LOW -> "LOW";
            case MINIMAL -> "MINIMAL";
            case MEDIUM -> "MEDIUM";
            case HIGH, XHIGH -> "HIGH";
        };
    }

    /** The level whose table budget is nearest: the cut points are halfway between 512, 1024, 8192 and 24576. */
    static String nearestLevel(int budget) {
        if (budget <= 768) {
            return "MINIMAL";
        }
        if (budget <= 4608) {
            return "LOW";
        }
        return budget <= 16384 ? "MEDIUM" : "HIGH";
    }
}
