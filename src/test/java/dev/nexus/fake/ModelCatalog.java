package dev.nexus.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** fetchAvailableModels and retrieveUserQuota, both drawn from one model list and the caller's quotas. */
final class ModelCatalog {
    private static final Duration DEFAULT_WINDOW = Duration.ofHours(5);

    private volatile List<FakeModel> models = FakeModel.defaults();

    void models(List<FakeModel> value) {
        models = List.copyOf(value);
    }

    void fetchAvailableModels(CloudCall call) throws IOException {
        GoogleError denied = call.projectMismatch();
        if (denied != null) {
            call.fail(denied);
            return;
        }
        ObjectNode body = Json.object();
        ObjectNode map = body.putObject("models");
        for (FakeModel model : models) {
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
        for (FakeModel model : models) {
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
