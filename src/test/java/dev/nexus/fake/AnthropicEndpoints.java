package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /v1/messages} as Anthropic answers it, strictly: the key in {@code x-api-key} (or, switched to it, as a
 * bearer token, as OpenRouter's Anthropic layer takes keys; 401 authentication_error otherwise),
 * {@code anthropic-version} required (400), {@code model} known (404 not_found_error), {@code max_tokens} and
 * {@code messages} required (400 invalid_request_error), thinking budgets within Anthropic's bounds, thinking signatures
 * only those this fake issued, tool results answering a tool_use of the turn before; per-key 429 with
 * {@code retry-after}; scripted 529s. Answers stream as named SSE events (protocols §4.4) or come back as one message.
 */
final class AnthropicEndpoints implements Endpoints {
    static final String MESSAGES = "/v1/messages";

    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final Set<String> models = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> limitedUntil = new ConcurrentHashMap<>();
    private final Set<String> signatures = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<AnthropicReply> script = new ConcurrentLinkedDeque<>();
    private final AtomicInteger overloads = new AtomicInteger();
    private volatile boolean bearer;
    private final OpenStreams openStreams;
    private final SecureRandom random = new SecureRandom();

    AnthropicEndpoints(OpenStreams openStreams) {
        this.openStreams = openStreams;
    }

    void acceptKey(String key) {
        keys.add(key);
    }

    void addModel(String model) {
        models.add(model);
    }

    void rateLimit(String key, Instant until) {
        limitedUntil.put(key, until);
    }

    void liftRateLimit(String key) {
        limitedUntil.remove(key);
    }

    void acceptBearer() {
        bearer = true;
    }

    void overload(int calls) {
        overloads.set(calls);
    }

    void enqueue(AnthropicReply reply) {
        script.addLast(reply);
    }

    Set<String> issuedSignatures() {
        return Set.copyOf(signatures);
    }

    @Override
    public boolean serves(String path) {
        return path.equals(MESSAGES);
    }

    @Override
    public void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        if (!request.method().equals("POST")) {
            error(exchange, 405, "invalid_request_error", "Method Not Allowed");
            return;
        }
        String key = bearer ? bearerKey(request.header("authorization")) : request.header("x-api-key");
        if (key == null || !keys.contains(key)) {
            error(exchange, 401, "authentication_error", "invalid x-api-key");
            return;
        }
        if (request.header("anthropic-version") == null) {
            error(exchange, 400, "invalid_request_error", "anthropic-version: header is required");
            return;
        }
        Instant until = limitedUntil.get(key);
        if (until != null && until.isAfter(Instant.now())) {
            long seconds = Math.max(1, Duration.between(Instant.now(), until).toSeconds());
            exchange.getResponseHeaders().set("retry-after", Long.toString(seconds));
            error(exchange, 429, "rate_limit_error", "This request would exceed your organization's rate limit. Please try again later.");
            return;
        }
        if (overloads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            error(exchange, 529, "overloaded_error", "Overloaded");
            return;
        }
        Optional<JsonNode> parsed = Json.tryParse(request.body());
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            error(exchange, 400, "invalid_request_error", "There was an issue with the JSON body of your request");
            return;
        }
        JsonNode body = parsed.get();
        Optional<String> problem = problem(body);
        if (problem.isPresent()) {
            String message = problem.get();
            error(exchange, message.startsWith("model: ") ? 404 : 400,
                    message.startsWith("model: ") ? "not_found_error" : "invalid_request_error", message);
            return;
        }
        AnthropicReply reply = Optional.ofNullable(script.pollFirst()).orElse(AnthropicReply.text("Hello from ", "fake Anthropic"));
        String model = body.get("model").asText();
        int input = reply.usage.input() > 0 ? reply.usage.input() : Math.max(1, request.body().length() / 4);
        if (body.path("stream").asBoolean(false)) {
            stream(exchange, reply, model, input);
        } else {
            Exchanges.json(exchange, 200, message(reply, model, input));
        }
    }

    /** What Anthropic would refuse in the body, as its message says it; empty when nothing. */
    private Optional<String> problem(JsonNode body) {
        if (!body.path("model").isTextual()) {
            return Optional.of("model: Field required");
        }
        if (!models.contains(body.get("model").asText())) {
            return Optional.of("model: " + body.get("model").asText());
        }
        if (!body.path("max_tokens").canConvertToInt() || body.path("max_tokens").asInt() < 1) {
            return Optional.of("max_tokens: Field required");
        }
        if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
            return Optional.of("messages: Field required");
        }
        JsonNode thinking = body.path("thinking");
        if (thinking.path("type").asText("").equals("enabled")) {
            int budget = thinking.path("budget_tokens").asInt(0);
            if (budget < 1024) {
                return Optional.of("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
            }
            if (budget >= body.path("max_tokens").asInt()) {
                return Optional.of("`max_tokens` must be greater than `thinking.budget_tokens`");
            }
            if (body.has("temperature") && body.get("temperature").asDouble() != 1.0) {
                return Optional.of("`temperature` may only be set to 1 when thinking is enabled");
            }
        }
        Set<String> calledBefore = new HashSet<>();
        ArrayNode messages = (ArrayNode) body.get("messages");
        for (int m = 0; m < messages.size(); m++) {
            JsonNode content = messages.get(m).path("content");
            Set<String> called = new HashSet<>();
            for (int b = 0; content.isArray() && b < content.size(); b++) {
                JsonNode block = content.get(b);
                String where = "messages." + m + ".content." + b;
                switch (block.path("type").asText("")) {
                    case "thinking" -> {
                        if (!signatures.contains(block.path("signature").asText(""))) {
                            return Optional.of(where + ": Invalid `signature` in `thinking` block");
                        }
                    }
                    case "tool_use" -> called.add(block.path("id").asText(""));
                    case "tool_result" -> {
                        if (!calledBefore.contains(block.path("tool_use_id").asText(""))) {
                            return Optional.of(where + ": unexpected `tool_use_id` found in `tool_result` blocks: "
                                    + block.path("tool_use_id").asText("") + ". Each `tool_result` block must have a corresponding"
                                    + " `tool_use` block in the previous message.");
                        }
                    }
                    default -> { }
                }
            }
            calledBefore = called;
        }
        return Optional.empty();
    }

    private ObjectNode message(AnthropicReply reply, String model, int input) {
        ObjectNode message = start(model, input);
        ArrayNode content = message.putArray("content");
        for (AnthropicReply.Block block : reply.blocks) {
            switch (block) {
                case AnthropicReply.Block.Thinking t -> content.addObject().put("type", "thinking").put("thinking", t.text())
                        .put("signature", sign());
                case AnthropicReply.Block.Text t -> content.addObject().put("type", "text").put("text", String.join("", t.pieces()));
                case AnthropicReply.Block.ToolUse t -> content.addObject().put("type", "tool_use").put("id", t.id())
                        .put("name", t.name()).set("input", Json.tryParse(t.input()).orElseThrow());
            }
        }
        message.put("stop_reason", reply.stopReason());
        message.with("usage").put("output_tokens", output(reply));
        return message;
    }

    private ObjectNode start(String model, int input) {
        ObjectNode message = Json.object();
        message.put("id", "msg_" + HexFormat.of().formatHex(bytes(12))).put("type", "message").put("role", "assistant")
                .put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", input).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0).put("output_tokens", 1);
        return message;
    }

    private void stream(HttpExchange exchange, AnthropicReply reply, String model, int input) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("request-id", "req_" + HexFormat.of().formatHex(bytes(8)));
        exchange.sendResponseHeaders(200, 0);
        openStreams.enter();
        try (OutputStream out = exchange.getResponseBody()) {
            event(out, "message_start", Json.object().put("type", "message_start").set("message", start(model, input)));
            event(out, "ping", Json.object().put("type", "ping"));
            if (reply.errorAfterStart != null) {
                error(out, reply.errorAfterStart);
                return;
            }
            int index = 0;
            for (AnthropicReply.Block block : reply.blocks) {
                ObjectNode start = Json.object().put("type", "content_block_start").put("index", index);
                switch (block) {
                    case AnthropicReply.Block.Thinking t -> {
                        start.putObject("content_block").put("type", "thinking").put("thinking", "").put("signature", "");
                        event(out, "content_block_start", start);
                        delta(out, index, Json.object().put("type", "thinking_delta").put("thinking", t.text()));
                        delta(out, index, Json.object().put("type", "signature_delta").put("signature", sign()));
                    }
                    case AnthropicReply.Block.Text t -> {
                        start.putObject("content_block").put("type", "text").put("text", "");
                        event(out, "content_block_start", start);
                        for (String piece : t.pieces()) {
                            delta(out, index, Json.object().put("type", "text_delta").put("text", piece));
                        }
                    }
                    case AnthropicReply.Block.ToolUse t -> {
                        start.putObject("content_block").put("type", "tool_use").put("id", t.id()).put("name", t.name())
                                .putObject("input");
                        event(out, "content_block_start", start);
                        int half = t.input().length() / 2;
                        delta(out, index, Json.object().put("type", "input_json_delta").put("partial_json", t.input().substring(0, half)));
                        delta(out, index, Json.object().put("type", "input_json_delta").put("partial_json", t.input().substring(half)));
                    }
                }
                event(out, "content_block_stop", Json.object().put("type", "content_block_stop").put("index", index));
                index++;
            }
            if (reply.errorAfterContent != null) {
                error(out, reply.errorAfterContent);
                return;
            }
            ObjectNode delta = Json.object().put("type", "message_delta");
            delta.putObject("delta").put("stop_reason", reply.stopReason()).putNull("stop_sequence");
            delta.putObject("usage").put("output_tokens", output(reply));
            event(out, "message_delta", delta);
            event(out, "message_stop", Json.object().put("type", "message_stop"));
        } finally {
            openStreams.exit();
        }
    }

    private static void error(OutputStream out, String type) throws IOException {
        ObjectNode error = Json.object().put("type", "error");
        error.putObject("error").put("type", type).put("message", type.equals("overloaded_error") ? "Overloaded" : "Internal server error");
        event(out, "error", error);
    }

    private static String bearerKey(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring("Bearer ".length()) : null;
    }

    private static int output(AnthropicReply reply) {
        return reply.usage.output() > 0 ? reply.usage.output() : 5 * Math.max(1, reply.blocks.size());
    }

    private void delta(OutputStream out, int index, ObjectNode delta) throws IOException {
        event(out, "content_block_delta", Json.object().put("type", "content_block_delta").put("index", index).set("delta", delta));
    }

    private static void event(OutputStream out, String name, JsonNode data) throws IOException {
        out.write(("event: " + name + "\ndata: " + Json.write(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A signature only this fake can have issued: Anthropic-like base64 with {@code +}, {@code /} and padding. */
    private String sign() {
        String signature = "EqQBCkgIARAB" + Base64.getEncoder().encodeToString(bytes(40)) + "+/w==";
        signatures.add(signature);
        return signature;
    }

    private byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = Json.object().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        body.put("request_id", "req_fake");
        Exchanges.json(exchange, status, body);
    }
}
