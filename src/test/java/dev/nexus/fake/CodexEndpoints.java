package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /backend-api/codex/responses}, strict like the ChatGPT backend (protocols.md §5): a valid bearer access
 * token (401 otherwise), {@code ChatGPT-Account-ID} naming the token's account (403 otherwise), {@code stream:true},
 * {@code store:false}, {@code instructions} present, none of the parameters the backend refuses (400
 * {@code {"detail":…}}), replayed reasoning only with an {@code encrypted_content} this backend issued (400
 * {@code invalid_encrypted_content} otherwise, as the real one cannot decrypt another's, nor another account's); a usage-limited account gets 429 {@code usage_limit_reached} with {@code resets_in_seconds}.
 * {@code GET /backend-api/wham/usage} answers the same account checks with the windows as JSON.
 * Answers are Responses SSE ({@code event:} + {@code data:} lines, no [DONE]) with the {@code x-codex-*} usage headers.
 */
final class CodexEndpoints implements Endpoints {
    static final String RESPONSES = "/backend-api/codex/responses";
    /** The usage windows the Codex CLI's {@code /status} reads, as strict about the account as {@link #RESPONSES}. */
    static final String USAGE = "/backend-api/wham/usage";
    /** What the backend refuses outright (protocols.md §5.2); {@code service_tier} is allowed only as "priority". */
    static final List<String> REFUSED = List.of("max_output_tokens", "max_completion_tokens", "max_tokens", "temperature",
            "top_p", "truncation", "user", "previous_response_id", "prompt_cache_retention", "safety_identifier",
            "stream_options", "context_management", "metadata", "presence_penalty", "frequency_penalty");

    private final ChatGptAccounts accounts;
    private final CodexScript script;
    private final OpenStreams openStreams;
    private final AdjustableClock clock;
    private final Map<String, CodexUsage> usage = new ConcurrentHashMap<>();
    /**
     * Every encrypted_content this backend issued, by the account it was issued to: the only reasoning it can verify
     * when that account replays it (the content is sealed for the account).
     */
    private final Map<String, java.util.Set<String>> issuedReasoning = new ConcurrentHashMap<>();

    CodexEndpoints(ChatGptAccounts accounts, CodexScript script, OpenStreams openStreams, AdjustableClock clock) {
        this.accounts = accounts;
        this.script = script;
        this.openStreams = openStreams;
        this.clock = clock;
    }

    CodexUsage usage(String email) {
        return usage.computeIfAbsent(email, e -> CodexUsage.fresh(clock.now()));
    }

    void updateUsage(String email, java.util.function.UnaryOperator<CodexUsage> change) {
        usage.compute(email, (e, u) -> change.apply(u == null ? CodexUsage.fresh(clock.now()) : u));
    }

    @Override
    public boolean serves(String path) {
        return path.equals(RESPONSES) || path.equals(USAGE);
    }

    @Override
    public void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        boolean usageCall = request.path().equals(USAGE);
        if (!request.method().equals(usageCall ? "GET" : "POST")) {
            detail(exchange, 405, "Method Not Allowed");
            return;
        }
        FakeChatGptAccount account = authorized(exchange, request);
        if (account == null) {
            return;
        }
        if (usageCall) {
            Exchanges.json(exchange, 200, usageBody(account, usage(account.email())));
            return;
        }
        String email = account.email();
        JsonNode body = Json.tryParse(request.body()).filter(JsonNode::isObject).orElse(null);
        if (body == null) {
            detail(exchange, 400, "Request body is not valid JSON");
            return;
        }
        String refusal = refusal(body);
        if (refusal != null) {
            detail(exchange, 400, refusal);
            return;
        }
        String unverifiable = unverifiableReasoning(body, email);
        if (unverifiable != null) {
            invalidEncryptedContent(exchange, unverifiable);
            return;
        }
        CodexUsage now = usage(email);
        if (now.limitedAt(clock.now())) {
            usageLimitReached(exchange, account, now);
            return;
        }
        String model = body.path("model").asText();
        stream(exchange, body, model, script.take(email, model), now, email);
    }

    /** The account of a valid bearer whose {@code ChatGPT-Account-ID} matches, or null after answering 401/403. */
    private FakeChatGptAccount authorized(HttpExchange exchange, RecordedRequest request) throws IOException {
        String email;
        switch (accounts.check(request.header("authorization"))) {
            case ChatGptAccounts.Bearer.Missing missing -> {
                unauthorized(exchange, "Missing bearer or basic authentication in header", "missing_authorization");
                return null;
            }
            case ChatGptAccounts.Bearer.Unknown unknown -> {
                unauthorized(exchange, "Could not parse your authentication token. Please try signing in again.", "invalid_token");
                return null;
            }
            case ChatGptAccounts.Bearer.Expired expired -> {
                unauthorized(exchange, "Provided authentication token is expired. Please try signing in again.", "token_expired");
                return null;
            }
            case ChatGptAccounts.Bearer.Valid valid -> email = valid.email();
        }
        FakeChatGptAccount account = accounts.get(email);
        if (!account.chatgptAccountId().equals(request.header("chatgpt-account-id"))) {
            detail(exchange, 403, "ChatGPT-Account-ID does not match the account of the authentication token");
            return null;
        }
        return account;
    }

    /** {@code {"plan_type","rate_limit":{"primary_window":{"used_percent","limit_window_seconds","reset_at"},…}}}. */
    private ObjectNode usageBody(FakeChatGptAccount account, CodexUsage usage) {
        ObjectNode body = Json.object().put("plan_type", account.plan());
        ObjectNode limits = body.putObject("rate_limit").put("allowed", !usage.limitedAt(clock.now()))
                .put("limit_reached", usage.limitedAt(clock.now()));
        limits.putObject("primary_window").put("used_percent", usage.primaryUsedPercent())
                .put("limit_window_seconds", CodexUsage.PRIMARY_WINDOW.toSeconds())
                .put("reset_at", usage.primaryResetAt().getEpochSecond());
        limits.putObject("secondary_window").put("used_percent", usage.secondaryUsedPercent())
                .put("limit_window_seconds", CodexUsage.SECONDARY_WINDOW.toSeconds())
                .put("reset_at", usage.secondaryResetAt().getEpochSecond());
        return body;
    }

    /** The models a ChatGPT plan can use through the Codex backend (the bundled routes' targets among them). */
    static final java.util.Set<String> MODELS = java.util.Set.of("gpt-5", "gpt-5-codex", "gpt-5-codex-mini", "gpt-5.1",
            "gpt-5.1-codex", "gpt-5.1-codex-max", "gpt-5.1-codex-mini", "gpt-5.2", "gpt-5.2-codex", "gpt-5.3-codex");

    /** The first thing the backend refuses about this body, in its words, or null. */
    private static String refusal(JsonNode body) {
        if (!body.path("model").isTextual()) {
            return "Model is required";
        }
        if (!MODELS.contains(body.path("model").asText())) {
            // The backend serves only the Codex models of ChatGPT plans; any other name is refused before any work.
            return "The '" + body.path("model").asText() + "' model is not supported when using Codex with a ChatGPT account.";
        }
        if (!body.path("store").isBoolean() || body.path("store").asBoolean()) {
            return "Store must be set to false";
        }
        if (!body.path("stream").asBoolean(false)) {
            return "Stream must be set to true";
        }
        if (!body.path("instructions").isTextual()) {
            return "Instructions are required";
        }
        for (String name : REFUSED) {
            if (body.has(name)) {
                return "Unsupported parameter: " + name;
            }
        }
        if (body.has("service_tier") && !"priority".equals(body.path("service_tier").asText())) {
            return "Unsupported service_tier: " + body.path("service_tier").asText();
        }
        return null;
    }

    /** The id (or "input[i]") of a replayed reasoning item whose encrypted_content this account was never issued, or null. */
    private String unverifiableReasoning(JsonNode body, String email) {
        java.util.Set<String> issued = issuedReasoning.getOrDefault(email, java.util.Set.of());
        JsonNode input = body.path("input");
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (item.path("type").asText().equals("reasoning") && item.has("encrypted_content")
                    && !issued.contains(item.path("encrypted_content").asText())) {
                return item.path("id").asText("input[" + i + "]");
            }
        }
        return null;
    }

    private static void invalidEncryptedContent(HttpExchange exchange, String item) throws IOException {
        ObjectNode body = Json.object();
        body.putObject("error").put("message", "The encrypted content for item " + item + " could not be verified.")
                .put("type", "invalid_request_error").putNull("param").put("code", "invalid_encrypted_content");
        Exchanges.json(exchange, 400, body);
    }

    private void usageLimitReached(HttpExchange exchange, FakeChatGptAccount account, CodexUsage usage) throws IOException {
        long resetsIn = Math.max(1, usage.limitedUntil().getEpochSecond() - clock.now().getEpochSecond());
        ObjectNode body = Json.object();
        body.putObject("error")
                .put("type", "usage_limit_reached")
                .put("message", "The usage limit has been reached")
                .put("plan_type", account.plan())
                .put("resets_at", usage.limitedUntil().getEpochSecond())
                .put("resets_in_seconds", resetsIn);
        usageHeaders(exchange, usage);
        Exchanges.json(exchange, 429, body);
    }

    private void usageHeaders(HttpExchange exchange, CodexUsage usage) {
        var headers = exchange.getResponseHeaders();
        headers.set("x-codex-primary-used-percent", percent(usage.primaryUsedPercent()));
        headers.set("x-codex-primary-window-minutes", Long.toString(CodexUsage.PRIMARY_WINDOW.toMinutes()));
        headers.set("x-codex-primary-reset-at", Long.toString(usage.primaryResetAt().getEpochSecond()));
        headers.set("x-codex-secondary-used-percent", percent(usage.secondaryUsedPercent()));
        headers.set("x-codex-secondary-window-minutes", Long.toString(CodexUsage.SECONDARY_WINDOW.toMinutes()));
        headers.set("x-codex-secondary-reset-at", Long.toString(usage.secondaryResetAt().getEpochSecond()));
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private void stream(HttpExchange exchange, JsonNode request, String model, CodexReply reply, CodexUsage usage, String email)
            throws IOException {
        CodexStream events = new CodexStream(model, clock.now(), reply, request);
        for (ObjectNode event : events.events()) {
            JsonNode item = event.path("item");
            if (event.path("type").asText().equals("response.output_item.done") && item.has("encrypted_content")) {
                issuedReasoning.computeIfAbsent(email, e -> ConcurrentHashMap.newKeySet()).add(item.path("encrypted_content").asText());
            }
        }
        openStreams.enter();
        try {
            usageHeaders(exchange, usage);
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (ObjectNode event : events.events()) {
                out.write(("event: " + event.path("type").asText() + "\ndata: " + Json.write(event) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.close();
        } finally {
            openStreams.exit();
        }
    }

    private static void unauthorized(HttpExchange exchange, String message, String code) throws IOException {
        ObjectNode body = Json.object();
        body.putObject("error").put("message", message).putNull("type").put("code", code).putNull("param");
        body.put("status", 401);
        Exchanges.json(exchange, 401, body);
    }

    private static void detail(HttpExchange exchange, int status, String detail) throws IOException {
        Exchanges.json(exchange, status, Json.object().put("detail", detail));
    }
}
