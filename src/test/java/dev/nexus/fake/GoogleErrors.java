package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.fake.GoogleError.Detail;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** The error bodies Google's front ends return, for both google.rpc.Status APIs and the OAuth token endpoint. */
final class GoogleErrors {
    static final String CLOUD_CODE_DOMAIN = "cloudcode-pa.googleapis.com";
    private static final String TYPE = "type.googleapis.com/google.rpc.";
    private static final String SEE_DEVCONSOLE = " Expected OAuth 2 access token, login cookie or other valid authentication"
            + " credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.";
    static final String MISSING_CREDENTIALS = "Request is missing required authentication credential." + SEE_DEVCONSOLE;
    static final String INVALID_CREDENTIALS = "Request had invalid authentication credentials." + SEE_DEVCONSOLE;
    static final String VERIFY_ACCOUNT = "Verify your account to continue.";
    static final String TOS_DISABLED = "This service has been disabled in this account for violation of Terms of Service."
            + " Please submit an appeal to continue using this product.";

    private GoogleErrors() {}

    /** 401 on Cloud Code; {@code reason} is CREDENTIALS_MISSING, ACCESS_TOKEN_EXPIRED or ACCESS_TOKEN_TYPE_UNSUPPORTED. */
    static GoogleError unauthenticated(String reason, String rpcMethod) {
        String message = reason.equals("CREDENTIALS_MISSING") ? MISSING_CREDENTIALS : INVALID_CREDENTIALS;
        Map<String, String> metadata = Map.of(
                "service", CLOUD_CODE_DOMAIN, "method", "google.internal.cloud.code.v1internal.CloudCode." + rpcMethod);
        return new GoogleError(401, "UNAUTHENTICATED", message,
                List.of(new Detail.ErrorInfo(reason, "googleapis.com", metadata)), false);
    }

    static GoogleError projectDenied(String project) {
        Map<String, String> metadata = Map.of("consumer", "projects/" + project, "service", "cloudaicompanion.googleapis.com");
        return new GoogleError(403, "PERMISSION_DENIED", "Permission denied on resource project " + project + ".",
                List.of(new Detail.ErrorInfo("CONSUMER_INVALID", "googleapis.com", metadata)), false);
    }

    static GoogleError invalidArgument(String message) {
        return new GoogleError(400, "INVALID_ARGUMENT", message, List.of(), false);
    }

    /** What proto-JSON parsing says about a field the message does not have. */
    static GoogleError unknownField(String name) {
        String message = "Invalid JSON payload received. Unknown name \"" + name + "\": Cannot find field.";
        return new GoogleError(400, "INVALID_ARGUMENT", message, List.of(new Detail.BadRequest(message)), false);
    }

    static GoogleError failedPrecondition(String message) {
        return new GoogleError(400, "FAILED_PRECONDITION", message, List.of(), false);
    }

    static GoogleError notFound(String message) {
        return new GoogleError(404, "NOT_FOUND", message, List.of(), false);
    }

    static GoogleError validationRequired(String link) {
        Map<String, String> metadata = Map.of(
                "validation_link", link,
                "validation_error_message", VERIFY_ACCOUNT,
                "validation_learn_more_link_text", "Learn more");
        return new GoogleError(403, "PERMISSION_DENIED", VERIFY_ACCOUNT, List.of(
                new Detail.ErrorInfo("VALIDATION_REQUIRED", CLOUD_CODE_DOMAIN, metadata),
                new Detail.Help("Verify your account", link)), false);
    }

    static GoogleError termsOfServiceViolation() {
        Map<String, String> metadata = Map.of(
                "uiMessage", "true", "appeal_url_link_text", "Submit Appeal", "appeal_url", "https://example.invalid/appeal");
        return new GoogleError(403, "PERMISSION_DENIED", TOS_DISABLED,
                List.of(new Detail.ErrorInfo("TOS_VIOLATION", CLOUD_CODE_DOMAIN, metadata)), false);
    }

    static GoogleError capacityExhausted(String reason, Duration resetAfter) {
        String message = "You have exhausted your capacity on this model. Your quota will reset after "
                + goDuration(resetAfter) + ".";
        return new GoogleError(429, "RESOURCE_EXHAUSTED", message,
                List.of(new Detail.QuotaReset(reason, resetAfter), new Detail.RetryInfo(resetAfter)), false);
    }

    /** What the Gemini API and Vertex say about an API key they do not know, for the named service. */
    static GoogleError apiKeyInvalid(String service) {
        String message = "API key not valid. Please pass a valid API key.";
        return new GoogleError(400, "INVALID_ARGUMENT", message, List.of(
                new Detail.ErrorInfo("API_KEY_INVALID", "googleapis.com", Map.of("service", service)),
                new Detail.LocalizedMessage(message)), false);
    }

    /** A key-based API called without any key. */
    static GoogleError apiKeyMissing() {
        return new GoogleError(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without"
                + " established identity). Please use API Key or other form of API consumer identity to call this API.",
                List.of(), false);
    }

    /**
     * The Gemini API's per-minute quota answer: the delay appears in the message, as a QuotaFailure on the model and
     * as RetryInfo, the way clients find it.
     */
    static GoogleError quotaExceeded(Duration retryDelay) {
        String message = "You exceeded your current quota for this model; check your plan and billing details. Please retry in "
                + protoDuration(retryDelay) + ".";
        return new GoogleError(429, "RESOURCE_EXHAUSTED", message, List.of(
                new Detail.QuotaFailure("generativelanguage.googleapis.com/generate_content_requests",
                        "GenerateRequestsPerMinutePerProjectPerModel", "15"),
                new Detail.Help("Learn more about Gemini API quotas", "https://example.invalid/gemini-api/rate-limits"),
                new Detail.RetryInfo(retryDelay)), false);
    }

    static GoogleError internal() {
        return new GoogleError(500, "INTERNAL", "Internal error encountered.", List.of(), false);
    }

    static GoogleError unavailable() {
        return new GoogleError(503, "UNAVAILABLE", "The service is currently unavailable.", List.of(), false);
    }

    /** The JSON body, resolving request-dependent details against {@code model} and {@code now}. */
    static JsonNode render(GoogleError error, String model, Instant now) {
        ObjectNode status = Json.object();
        status.put("code", error.httpStatus()).put("message", error.message()).put("status", error.status());
        if (!error.details().isEmpty()) {
            ArrayNode details = status.putArray("details");
            error.details().forEach(d -> details.add(detail(d, model, now)));
        }
        ObjectNode body = Json.object();
        body.set("error", status);
        return error.arrayWrapped() ? Json.array().add(body) : body;
    }

    /** The OAuth token endpoint's flat error shape, e.g. {@code invalid_grant}. */
    static ObjectNode oauth(String error, String description) {
        return Json.object().put("error", error).put("error_description", description);
    }

    private static ObjectNode detail(Detail detail, String model, Instant now) {
        ObjectNode node = Json.object();
        switch (detail) {
            case Detail.ErrorInfo info -> {
                node.put("@type", TYPE + "ErrorInfo").put("reason", info.reason()).put("domain", info.domain());
                if (!info.metadata().isEmpty()) {
                    ObjectNode metadata = node.putObject("metadata");
                    new java.util.TreeMap<>(info.metadata()).forEach(metadata::put);
                }
            }
            case Detail.QuotaReset reset -> {
                node.put("@type", TYPE + "ErrorInfo").put("reason", reset.reason()).put("domain", CLOUD_CODE_DOMAIN);
                ObjectNode metadata = node.putObject("metadata");
                metadata.put("uiMessage", "true");
                if (model != null) {
                    metadata.put("model", model);
                }
                metadata.put("quotaResetDelay", goDuration(reset.delay()));
                metadata.put("quotaResetTimeStamp", now.plus(reset.delay()).truncatedTo(ChronoUnit.SECONDS).toString());
            }
            case Detail.RetryInfo retry -> node.put("@type", TYPE + "RetryInfo").put("retryDelay", protoDuration(retry.delay()));
            case Detail.Help help -> {
                node.put("@type", TYPE + "Help");
                node.putArray("links").addObject().put("description", help.description()).put("url", help.url());
            }
            case Detail.BadRequest bad -> {
                node.put("@type", TYPE + "BadRequest");
                node.putArray("fieldViolations").addObject().put("description", bad.description());
            }
            case Detail.QuotaFailure quota -> {
                node.put("@type", TYPE + "QuotaFailure");
                ObjectNode violation = node.putArray("violations").addObject()
                        .put("quotaMetric", quota.quotaMetric()).put("quotaId", quota.quotaId());
                ObjectNode dimensions = violation.putObject("quotaDimensions").put("location", "global");
                if (model != null) {
                    dimensions.put("model", model);
                }
                violation.put("quotaValue", quota.quotaValue());
            }
            case Detail.LocalizedMessage localized -> node.put("@type", TYPE + "LocalizedMessage")
                    .put("locale", "en-US").put("message", localized.message());
        }
        return node;
    }

    /** Proto3 JSON Duration: seconds with an optional fraction, e.g. {@code 37s}, {@code 0.5s}. */
    static String protoDuration(Duration d) {
        BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
        return seconds.stripTrailingZeros().toPlainString() + "s";
    }

    /** Go's time.Duration.String(), which Google's quota metadata uses: {@code 539.477544ms}, {@code 37s}, {@code 1h2m3s}. */
    static String goDuration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            long nanos = d.toNanos();
            if (nanos < 1_000) {
                return nanos + "ns";
            }
            if (nanos < 1_000_000) {
                return decimal(nanos, 3) + "µs";
            }
            return decimal(nanos, 6) + "ms";
        }
        StringBuilder out = new StringBuilder();
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        long secondNanos = d.toSecondsPart() * 1_000_000_000L + d.toNanosPart();
        return out.append(decimal(secondNanos, 9)).append('s').toString();
    }

    private static String decimal(long value, int scale) {
        return BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
    }
}
