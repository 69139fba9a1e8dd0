package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code /v1/chat/completions} and {@code /v1/models} of an OpenAI-compatible server, checked as strictly as the
 * originals. Its Anthropic {@code /v1/messages} is {@link AnthropicEndpoints}, in {@link FakeOpenAiCompat}.
 */
final class CompatEndpoints implements Endpoints {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private final Set<String> keys;
    private final Set<String> models;
    private final Map<String, Duration> limited;
    private final Queue<CompatReply> script;
    private final java.util.concurrent.atomic.AtomicBoolean ignoreStream;
    private final OpenStreams openStreams;

    CompatEndpoints(Set<String> keys, Set<String> models, Map<String, Duration> limited, Queue<CompatReply> script,
            java.util.concurrent.atomic.AtomicBoolean ignoreStream, OpenStreams openStreams) {
        this.keys = keys;
        this.models = models;
        this.limited = limited;
        this.script = script;
        this.ignoreStream = ignoreStream;
        this.openStreams = openStreams;
    }

    @Override
    public boolean serves(String path) {
        return path.equals("/v1/chat/completions") || path.equals("/v1/models");
    }

    @Override
    public void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        String authorization = Optional.ofNullable(request.header("authorization")).orElse("");
        if (!authorization.startsWith("Bearer ") || !keys.contains(authorization.substring("Bearer ".length()))) {
            error(exchange, 401, authorization.isEmpty() ? "You didn't provide an API key." : "Incorrect API key provided.",
                    "invalid_request_error", null, "invalid_api_key");
            return;
        }
        String key = authorization.substring("Bearer ".length());
        Duration wait = limited.get(key);
        if (wait != null) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(wait.toSeconds()));
            error(exchange, 429, "Rate limit reached for requests. Please try again in " + wait.toSeconds() + "s.",
                    "requests", null, "rate_limit_exceeded");
            return;
        }
        if (request.path().equals("/v1/models")) {
            ObjectNode list = Json.object().put("object", "list");
            ArrayNode data = list.putArray("data");
            models.stream().sorted().forEach(m -> data.addObject().put("id", m).put("object", "model").put("owned_by", "fake"));
            Exchanges.json(exchange, 200, list);
            return;
        }
        if (!request.method().equals("POST")) {
            error(exchange, 405, "Method not allowed.", "invalid_request_error", null, null);
            return;
        }
        Optional<JsonNode> parsed = Json.tryParse(request.body());
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            error(exchange, 400, "We could not parse the JSON body of your request.", "invalid_request_error", null, null);
            return;
        }
        JsonNode body = parsed.get();
        if (!body.path("model").isTextual()) {
            error(exchange, 400, "you must provide a model parameter", "invalid_request_error", "model", null);
            return;
        }
        String model = body.get("model").textValue();
        if (!models.contains(model)) {
            error(exchange, 404, "The model `" + model + "` does not exist or you do not have access to it.",
                    "invalid_request_error", null, "model_not_found");
            return;
        }
        Optional<String[]> problem = problem(body);
        if (problem.isPresent()) {
            error(exchange, 400, problem.get()[1], "invalid_request_error", problem.get()[0], null);
            return;
        }
        CompatReply reply = Optional.ofNullable(script.poll()).orElseGet(() -> defaultReply(body));
        if (body.path("stream").asBoolean(false) && !ignoreStream.get()) {
            stream(exchange, model, reply, body.path("stream_options").path("include_usage").asBoolean(false));
        } else {
            Exchanges.json(exchange, 200, completion(model, reply));
        }
    }

    /** Hello, or the tool's answer repeated after a tool round trip. */
    private static CompatReply defaultReply(JsonNode body) {
        JsonNode last = body.path("messages").get(body.path("messages").size() - 1);
        if (last.path("role").asText().equals("tool")) {
            return CompatReply.text("The tool answered: ", last.path("content").isTextual() ? last.path("content").asText()
                    : last.path("content").toString());
        }
        return CompatReply.text("Hello from ", body.path("model").asText());
    }

    /** The first rejected parameter as {param, message}, as OpenAI words it. */
    private static Optional<String[]> problem(JsonNode body) {
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return bad("messages", "'messages' must be a non-empty array of messages.");
        }
        Set<String> pending = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = "messages[" + i + "]";
            String role = m.path("role").asText("");
            if (!ROLES.contains(role)) {
                return bad(where + ".role", "Invalid value: '" + role + "'. Supported values are: 'system', 'assistant', 'user', 'tool', and 'developer'.");
            }
            if (!pending.isEmpty() && !role.equals("tool")) {
                return bad("messages", "An assistant message with 'tool_calls' must be followed by tool messages responding to each "
                        + "'tool_call_id'. The following tool_call_ids did not have response messages: " + String.join(", ", pending));
            }
            JsonNode content = m.path("content");
            switch (role) {
                case "tool" -> {
                    String id = m.path("tool_call_id").asText("");
                    if (!pending.remove(id)) {
                        return bad(where, "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.");
                    }
                    if (!content.isTextual() && !content.isArray()) {
                        return bad(where + ".content", "Invalid type for '" + where + ".content': expected a string or an array.");
                    }
                }
                case "assistant" -> {
                    if (!content.isMissingNode() && !content.isNull() && !content.isTextual() && !content.isArray()) {
                        return bad(where + ".content", "Invalid type for '" + where + ".content': expected a string, an array or null.");
                    }
                    for (JsonNode call : m.path("tool_calls")) {
                        if (!call.path("id").isTextual() || !call.path("type").asText().equals("function")
                                || !call.path("function").path("name").isTextual() || !call.path("function").path("arguments").isTextual()) {
                            return bad(where + ".tool_calls", "Invalid tool call: each needs id, type 'function' and function.name/arguments (a string).");
                        }
                        pending.add(call.get("id").asText());
                    }
                    if (content.isMissingNode() && m.path("tool_calls").isEmpty()) {
                        return bad(where + ".content", "Missing required parameter: '" + where + ".content'.");
                    }
                }
                default -> {
                    if (!content.isTextual() && !content.isArray()) {
                        return bad(where + ".content", "Invalid type for '" + where + ".content': expected a string or an array.");
                    }
                    for (JsonNode part : content) {
                        String type = part.path("type").asText("");
                        if (!type.equals("text") && !type.equals("image_url")) {
                            return bad(where + ".content", "Invalid content part type: '" + type + "'.");
                        }
                    }
                }
            }
        }
        if (!pending.isEmpty()) {
            return bad("messages", "An assistant message with 'tool_calls' must be followed by tool messages responding to each "
                    + "'tool_call_id'. The following tool_call_ids did not have response messages: " + String.join(", ", pending));
        }
        JsonNode tools = body.path("tools");
        if (!tools.isMissingNode() && !tools.isArray()) {
            return bad("tools", "Invalid type for 'tools': expected an array.");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (!tool.path("type").asText().equals("function") || !FUNCTION_NAME.matcher(tool.path("function").path("name").asText("")).matches()) {
                return bad("tools[" + i + "].function.name", "Invalid 'tools[" + i + "].function.name': string does not match pattern.");
            }
            JsonNode parameters = tool.path("function").path("parameters");
            if (!parameters.isMissingNode() && !parameters.isObject()) {
                return bad("tools[" + i + "].function.parameters", "Invalid type for parameters: expected an object.");
            }
        }
        if (body.has("tool_choice") && tools.isEmpty()) {
            return bad("tool_choice", "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.");
        }
        if (body.has("stream") && !body.get("stream").isBoolean()) {
            return bad("stream", "Invalid type for 'stream': expected a boolean.");
        }
        if (body.has("stream_options") && !body.path("stream").asBoolean(false)) {
            return bad("stream_options", "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
        }
        if (body.has("temperature") && (!body.get("temperature").isNumber() || body.get("temperature").asDouble() < 0
                || body.get("temperature").asDouble() > 2)) {
            return bad("temperature", "Invalid 'temperature': must be a number between 0 and 2.");
        }
        if (body.has("top_p") && (!body.get("top_p").isNumber() || body.get("top_p").asDouble() < 0 || body.get("top_p").asDouble() > 1)) {
            return bad("top_p", "Invalid 'top_p': must be a number between 0 and 1.");
        }
        for (String name : List.of("max_tokens", "max_completion_tokens", "n")) {
            if (body.has(name) && (!body.get(name).canConvertToInt() || !body.get(name).isIntegralNumber() || body.get(name).asInt() < 1)) {
                return bad(name, "Invalid '" + name + "': integer below minimum value. Expected a value >= 1.");
            }
        }
        return Optional.empty();
    }

    private static Optional<String[]> bad(String param, String message) {
        return Optional.of(new String[] {param, message});
    }

    private static ObjectNode completion(String model, CompatReply reply) {
        ObjectNode root = envelope("chat.completion", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        String text = String.join("", reply.text());
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        if (!reply.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (CompatReply.ToolCall call : reply.toolCalls()) {
                calls.addObject().put("id", call.id()).put("type", "function").putObject("function")
                        .put("name", call.name()).put("arguments", call.arguments());
            }
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", reply.toolCalls().isEmpty() ? "stop" : "tool_calls");
        root.set("usage", usage(reply));
        return root;
    }

    private void stream(HttpExchange exchange, String model, CompatReply reply, boolean includeUsage) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        openStreams.enter();
        try (OutputStream out = exchange.getResponseBody()) {
            ObjectNode first = chunk(model, includeUsage);
            first.withArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta")
                    .put("role", "assistant").put("content", "");
            send(out, first);
            for (int i = 0; i < reply.text().size(); i++) {
                ObjectNode chunk = chunk(model, includeUsage);
                chunk.withArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta")
                        .put("content", reply.text().get(i));
                send(out, chunk);
                if (i + 1 == reply.holdAfter()) {
                    hold(reply);
                }
            }
            if (reply.holdBeforeFinish().isPresent()) {
                await(reply.holdBeforeFinish().get());
            }
            if (reply.breakMidStream().isPresent()) {
                ObjectNode error = Json.object();
                error.putObject("error").put("message", reply.breakMidStream().get()).put("type", "server_error")
                        .putNull("param").putNull("code");
                send(out, error);
                return;
            }
            for (int i = 0; i < reply.toolCalls().size(); i++) {
                CompatReply.ToolCall call = reply.toolCalls().get(i);
                int half = call.arguments().length() / 2;
                for (int part = 0; part < 2; part++) {
                    ObjectNode chunk = chunk(model, includeUsage);
                    ObjectNode fragment = chunk.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
                            .putObject("delta").putArray("tool_calls").addObject().put("index", i);
                    ObjectNode function = fragment.putObject("function");
                    if (part == 0) {
                        fragment.put("id", call.id()).put("type", "function");
                        function.put("name", call.name()).put("arguments", call.arguments().substring(0, half));
                    } else {
                        function.put("arguments", call.arguments().substring(half));
                    }
                    send(out, chunk);
                }
            }
            ObjectNode last = chunk(model, includeUsage);
            last.withArray("choices").addObject().put("index", 0).put("finish_reason", reply.toolCalls().isEmpty() ? "stop" : "tool_calls")
                    .putObject("delta");
            send(out, last);
            if (includeUsage) {
                ObjectNode usage = chunk(model, false);
                usage.putArray("choices");
                usage.set("usage", usage(reply));
                send(out, usage);
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } finally {
            openStreams.exit();
        }
    }

    private static ObjectNode chunk(String model, boolean usageNull) {
        ObjectNode chunk = envelope("chat.completion.chunk", model);
        chunk.putArray("choices");
        if (usageNull) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private static ObjectNode envelope(String object, String model) {
        return Json.object().put("id", "chatcmpl-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24))
                .put("object", object).put("created", System.currentTimeMillis() / 1000).put("model", model);
    }

    private static void hold(CompatReply reply) {
        try {
            reply.release().orElseThrow().await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode usage(CompatReply reply) {
        return Json.object().put("prompt_tokens", reply.promptTokens()).put("completion_tokens", reply.completionTokens())
                .put("total_tokens", reply.promptTokens() + reply.completionTokens());
    }

    /** Holds a stream mid-answer until the test releases it (at most 30 s, so a failing test still ends). */
    private static void await(java.util.concurrent.CountDownLatch release) throws IOException {
        try {
            release.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while held", e);
        }
    }

    private static void send(OutputStream out, JsonNode data) throws IOException {
        out.write(("data: " + Json.write(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void error(HttpExchange exchange, int status, String message, String type, String param, String code)
            throws IOException {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error").put("message", message).put("type", type);
        error.put("param", param);
        error.put("code", code);
        Exchanges.json(exchange, status, root);
    }
}
