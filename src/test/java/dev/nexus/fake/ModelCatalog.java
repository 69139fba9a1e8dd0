package dev.nexus.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * fetchAvailableModels and retrieveUserQuota, both drawn from the caller's model list (one for every account, or one
 * set for the account) and its quotas; and, like real Cloud Code, the judge of which models generation may ask for.
 */
final class ModelCatalog {
    private static final Duration DEFAULT_WINDOW = Duration.ofHours(5);

    private volatile List<FakeModel> models = FakeModel.defaults();
    private final Map<String, List<FakeModel>> byAccount = new ConcurrentHashMap<>();
    private volatile boolean failLists;

    void models(List<FakeModel> value) {
        models = List.copyOf(value);
    }

    /** With true, fetchAvailableModels answers 503 UNAVAILABLE (generation goes on as before). */
    void failLists(boolean fail) {
        failLists = fail;
    }

    void models(String email, List<FakeModel> value) {
        byAccount.put(email, List.copyOf(value));
    }

    List<FakeModel> of(AccountState account) {
        return byAccount.getOrDefault(account.email(), models);
    }

    /** Whether the account may ask for the model: Cloud Code answers 404 NOT_FOUND for an id its catalog lacks. */
    boolean lists(AccountState account, String modelId) {
        return of(account).stream().anyMatch(m -> m.id().equals(modelId));
    }

    void fetchAvailableModels(CloudCall call) throws IOException {
        if (failLists) {
            call.fail(GoogleErrors.unavailable());
            return;
        }
        GoogleError denied = call.projectMismatch();
        if (denied != null) {
            call.fail(denied);
            return;
        }
        ObjectNode body = Json.object();
        ObjectNode map = body.putObject("models");
        for (FakeModel model : of(call.account())) {
            ObjectNode entry = map.putObject(model.id())
                    .put("displayName", model.displayName())
                    .put("supportsThinking", model.supportsThinking())
                    .put("recommended", model.recommended())
                    .put("maxTokens", model.maxTokens())
                    .put("maxOutputTokens", model.maxOutputTokens());
            AccountState.Quota quota = quota(call, model.id());
            ObjectNode info = entry.putObject("quotaInfo");
            putFraction(info, quota.remainingFraction());
            info.put("resetTime", quota.resetTime().toString());
        }
        call.ok(body);
    }

    void retrieveUserQuota(CloudCall call) throws IOException {
        GoogleError denied = call.projectMismatch();
        if (denied != null) {
            call.fail(denied);
            return;
        }
        ObjectNode body = Json.object();
        ArrayNode buckets = body.putArray("buckets");
        for (FakeModel model : of(call.account())) {
            AccountState.Quota quota = quota(call, model.id());
            ObjectNode bucket = buckets.addObject().put("modelId", model.id()).put("tokenType", "REQUESTS");
            putFraction(bucket, quota.remainingFraction());
            bucket.put("resetTime", quota.resetTime().toString());
        }
        call.ok(body);
    }

    private static AccountState.Quota quota(CloudCall call, String modelId) {
        AccountState.Quota set = call.account().quotas().get(modelId);
        Instant defaultReset = call.now().plus(DEFAULT_WINDOW).truncatedTo(ChronoUnit.SECONDS);
        if (set == null) {
            return new AccountState.Quota(1.0, defaultReset);
        }
        return new AccountState.Quota(set.remainingFraction(), set.resetTime() != null ? set.resetTime() : defaultReset);
    }

    // Proto3 JSON drops zero values, so an exhausted model arrives without remainingFraction at all.
    private static void putFraction(ObjectNode node, double fraction) {
        if (fraction != 0.0) {
            node.put("remainingFraction", fraction);
        }
    }
}
