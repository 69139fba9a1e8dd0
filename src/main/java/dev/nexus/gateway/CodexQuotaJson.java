package dev.nexus.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.provider.codex.CodexQuota;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Codex usage windows as JSON, shared by {@code GET /v1/codex/quota}, {@code GET /api/accounts/{id}/codex-quota} and
 * {@code nexus quota --json}. One account: {@code {"id","email","chatgpt_account_id","plan_type","state","primary",
 * "secondary","seen_at","note"}}, each window {@code {"used_percent","window_minutes","resets_at","resets_in_seconds"}}
 * or null while unknown.
 */
public final class CodexQuotaJson {
    /** The models the Go original lists in {@code /v1/codex/quota}. */
    static final List<String> MODELS = List.of("gpt-5.2-codex", "gpt-5.2", "gpt-5.1-codex-max", "gpt-5.1-codex-mini");
    private static final Set<String> PAID_PLANS = Set.of("plus", "pro", "team");
    static final String UNKNOWN = "unknown until the first request";

    private CodexQuotaJson() {}

    /**
     * The Go original's shape for the first active account ({@code email, plan_type, account_id, has_access, models}),
     * plus {@code accounts}: every ChatGPT account.
     *
     * @param email the email as this reader may see it
     */
    public static ObjectNode overview(List<CodexQuotas.AccountWindows> all, Function<String, String> email, Instant now) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        CodexQuotas.AccountWindows top = all.stream().filter(a -> a.account().active()).findFirst().orElse(all.getFirst());
        root.put("email", email.apply(top.account().email()));
        String plan = top.account().tier().orElse("");
        root.put("plan_type", plan);
        root.put("account_id", top.chatgptAccountId().orElse(""));
        root.put("has_access", PAID_PLANS.contains(plan));
        MODELS.forEach(root.putArray("models")::add);
        ArrayNode accounts = root.putArray("accounts");
        all.forEach(a -> accounts.add(account(a, email, now)));
        return root;
    }

    public static ObjectNode account(CodexQuotas.AccountWindows windows, Function<String, String> email, Instant now) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", windows.account().id());
        node.put("email", email.apply(windows.account().email()));
        node.put("chatgpt_account_id", windows.chatgptAccountId().orElse(null));
        node.put("plan_type", windows.account().tier().orElse(null));
        node.put("state", windows.account().state().name().toLowerCase(java.util.Locale.ROOT));
        Optional<CodexQuota> quota = windows.seen().map(s -> s.quota());
        node.set("primary", window(quota.flatMap(CodexQuota::primary), now));
        node.set("secondary", window(quota.flatMap(CodexQuota::secondary), now));
        node.put("seen_at", windows.seen().map(s -> s.at().toString()).orElse(null));
        node.put("note", windows.problem().map(p -> windows.seen().isPresent() ? "last seen shown; " + p : UNKNOWN + ": " + p)
                .orElse(windows.seen().isPresent() ? null : UNKNOWN));
        return node;
    }

    private static ObjectNode window(Optional<CodexQuota.Window> window, Instant now) {
        if (window.isEmpty()) {
            return null;
        }
        CodexQuota.Window w = window.get();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("used_percent", w.usedPercent());
        node.put("window_minutes", w.windowMinutes().orElse(null));
        node.put("resets_at", w.resetsAt().map(Instant::toString).orElse(null));
        if (w.resetsAt().isPresent()) {
            node.put("resets_in_seconds", Math.max(0, Duration.between(now, w.resetsAt().get()).toSeconds()));
        } else {
            node.putNull("resets_in_seconds");
        }
        return node;
    }
}
