package dev.nexus.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.account.Account;
import dev.nexus.gateway.AccountQuota.ModelQuota;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An account's quota as JSON, shared by {@code GET /api/accounts/{id}/models} (masked email) and {@code nexus quota
 * --json} (full email): {@code {"account_id","email","models":[{"id","display_name","remaining_fraction",
 * "reset_time","resets_in_seconds"}],"count"}}.
 */
public final class QuotaJson {
    private QuotaJson() {}

    /**
     * @param email the email as this reader may see it
     * @param now for {@code resets_in_seconds} (never negative)
     */
    public static ObjectNode view(Account account, String email, List<ModelQuota> models, Instant now) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("account_id", account.id());
        root.put("email", email);
        ArrayNode array = root.putArray("models");
        for (ModelQuota m : models) {
            ObjectNode node = array.addObject();
            node.put("id", m.id());
            node.put("display_name", m.displayName());
            node.put("remaining_fraction", m.remainingFraction());
            if (m.resetTime().isPresent()) {
                node.put("reset_time", m.resetTime().get().toString());
                node.put("resets_in_seconds", Math.max(0, Duration.between(now, m.resetTime().get()).toSeconds()));
            } else {
                node.putNull("reset_time");
                node.putNull("resets_in_seconds");
            }
        }
        root.put("count", models.size());
        return root;
    }
}
