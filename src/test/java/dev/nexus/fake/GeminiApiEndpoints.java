package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Gemini API ({@code /v1beta/models…}) and Vertex express mode ({@code /v1/publishers/google/models/…}):
 * routes a request, checks its API key (header {@code x-goog-api-key} or query {@code key}), applies a standing
 * rate limit, and answers from the catalogue, the script or the deterministic token and embedding estimates.
 */
final class GeminiApiEndpoints implements Endpoints {
    static final String MODELS = "/v1beta/models";
    static final String PUBLISHER_MODELS = "/v1/publishers/google/models/";
    private static final Set<String> GEMINI_ACTIONS =
            Set.of("generateContent", "streamGenerateContent", "countTokens", "embedContent", "batchEmbedContents");
    private static final Set<String> VERTEX_ACTIONS = Set.of("generateContent", "streamGenerateContent", "countTokens");

    /** One routed call: which surface, which model (null for the list), which method. */
    private record Call(ReplyRenderer.Surface surface, String model, String action) {
        String service() {
            return surface == ReplyRenderer.Surface.VERTEX ? "aiplatform.googleapis.com" : "generativelanguage.googleapis.com";
        }
    }

    private final Set<String> keys;
    private final GeminiApiLimits limits;
    private final Script script;
    private final ReplyPlayer player;
    private final GeminiApiCatalogue catalogue;

    GeminiApiEndpoints(Set<String> keys, GeminiApiLimits limits, Script script, ReplyPlayer player,
            GeminiApiCatalogue catalogue) {
        this.keys = keys;
        this.limits = limits;
        this.script = script;
        this.player = player;
        this.catalogue = catalogue;
    }

    @Override
    public boolean serves(String path) {
        return path.equals(MODELS) || path.startsWith(MODELS + "/") || path.startsWith(PUBLISHER_MODELS);
    }

    @Override
    public void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        Instant now = Instant.now();
        Optional<Call> routed = route(request);
        if (routed.isEmpty()) {
            Exchanges.notFoundPage(exchange, request.path());
            return;
        }
        Call call = routed.get();
        String key = request.header("x-goog-api-key") != null ? request.header("x-goog-api-key") : request.queryParam("key");
        if (key == null) {
            GoogleError error = request.header("authorization") != null
                    ? new GoogleError(401, "UNAUTHENTICATED", GoogleErrors.INVALID_CREDENTIALS, List.of(), false)
                    : GoogleErrors.apiKeyMissing();
            Exchanges.error(exchange, error, null, now);
            return;
        }
        if (!keys.contains(key)) {
            Exchanges.error(exchange, GoogleErrors.apiKeyInvalid(call.service()), null, now);
            return;
        }
        Duration limited = limits.find(key, call.model());
        if (limited != null) {
            Exchanges.error(exchange, GoogleErrors.quotaExceeded(limited), call.model(), now);
            return;
        }
        if (call.model() == null) {
            list(exchange, request);
            return;
        }
        Optional<GeminiApiModel> model = catalogue.find(call.model());
        if (model.isEmpty()) {
            Exchanges.error(exchange, notFound(call), null, now);
            return;
        }
        if (call.action() == null) {
            Exchanges.json(exchange, 200, model.get().toJson());
            return;
        }
        JsonNode body = Json.tryParse(request.body()).orElse(null);
        if (body == null || !body.isObject()) {
            Exchanges.error(exchange, GoogleErrors.invalidArgument("Invalid JSON payload received. Unexpected token."), null, now);
            return;
        }
        switch (call.action()) {
            case "generateContent", "streamGenerateContent" -> generate(exchange, request, call, key, body, now);
            case "countTokens" -> countTokens(exchange, call, body, now);
            case "embedContent" -> embed(exchange, body, now);
            default -> batchEmbed(exchange, call, body, now);
        }
    }

    private static Optional<Call> route(RecordedRequest request) {
        String path = request.path();
        boolean get = request.method().equals("GET");
        boolean post = request.method().equals("POST");
        if (path.equals(MODELS)) {
            return get ? Optional.of(new Call(ReplyRenderer.Surface.GEMINI_API, null, null)) : Optional.empty();
        }
        boolean vertex = path.startsWith(PUBLISHER_MODELS);
        String target = vertex ? path.substring(PUBLISHER_MODELS.length()) : path.substring(MODELS.length() + 1);
        int colon = target.lastIndexOf(':');
        if (target.isEmpty() || target.contains("/")) {
            return Optional.empty();
        }
        if (colon < 0) {
            return get && !vertex ? Optional.of(new Call(ReplyRenderer.Surface.GEMINI_API, target, null)) : Optional.empty();
        }
        String action = target.substring(colon + 1);
        if (!post || !(vertex ? VERTEX_ACTIONS : GEMINI_ACTIONS).contains(action)) {
            return Optional.empty();
        }
        return Optional.of(new Call(vertex ? ReplyRenderer.Surface.VERTEX : ReplyRenderer.Surface.GEMINI_API,
                target.substring(0, colon), action));
    }

    private void list(HttpExchange exchange, RecordedRequest request) throws IOException {
        int size = parsePageSize(request.queryParam("pageSize"));
        int offset = 0;
        String token = request.queryParam("pageToken");
        if (token != null && !token.isEmpty()) {
            try {
                offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                Exchanges.error(exchange, GoogleErrors.invalidArgument("Invalid page token."), null, Instant.now());
                return;
            }
        }
        List<GeminiApiModel> all = catalogue.all();
        ObjectNode body = Json.object();
        ArrayNode models = body.putArray("models");
        int end = Math.min(all.size(), offset + size);
        for (int i = offset; i < end; i++) {
            models.add(all.get(i).toJson());
        }
        if (end < all.size()) {
            body.put("nextPageToken", Base64.getUrlEncoder().withoutPadding().encodeToString(
                    Integer.toString(end).getBytes(StandardCharsets.UTF_8)));
        }
        Exchanges.json(exchange, 200, body);
    }

    private static int parsePageSize(String raw) {
        try {
            int size = raw == null ? 50 : Integer.parseInt(raw);
            return size <= 0 ? 50 : Math.min(size, 1000);
        } catch (NumberFormatException e) {
            return 50;
        }
    }

    private void generate(HttpExchange exchange, RecordedRequest request, Call call, String key, JsonNode body, Instant now)
            throws IOException {
        JsonNode contents = body.get("contents");
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            Exchanges.error(exchange, GoogleErrors.invalidArgument("* GenerateContentRequest.contents: contents is not specified\n"),
                    null, now);
            return;
        }
        if (call.surface() == ReplyRenderer.Surface.VERTEX) {
            for (JsonNode content : contents) {
                if (!content.path("role").isTextual() || content.path("role").asText().isEmpty()) {
                    Exchanges.error(exchange, GoogleErrors.invalidArgument("Please use a valid role: user, model."), null, now);
                    return;
                }
            }
        }
        Reply reply = script.take(key, call.model());
        if (reply.httpError != null) {
            boolean stream = call.action().equals("streamGenerateContent");
            Exchanges.error(exchange, stream ? reply.httpError : reply.httpError.withoutArrayWrap(), call.model(), now);
            return;
        }
        ReplyRenderer renderer = new ReplyRenderer(reply,
                new ReplyRenderer.Turn(call.model(), body, now), call.surface());
        if (call.action().equals("streamGenerateContent")) {
            player.stream(exchange, request, reply, renderer);
        } else {
            player.unary(exchange, reply, renderer, call.model(), now);
        }
    }

    private static void countTokens(HttpExchange exchange, Call call, JsonNode body, Instant now) throws IOException {
        JsonNode contents = body.has("contents") ? body.get("contents") : body.path("generateContentRequest").get("contents");
        if (contents == null || !contents.isArray()) {
            Exchanges.error(exchange, GoogleErrors.invalidArgument("* CountTokensRequest.contents: contents is not specified\n"),
                    null, now);
            return;
        }
        int tokens = TokenEstimate.ofContents(contents);
        ObjectNode answer = Json.object().put("totalTokens", tokens);
        if (call.surface() == ReplyRenderer.Surface.VERTEX) {
            answer.put("totalBillableCharacters", TokenEstimate.charsOf(contents));
        }
        answer.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", tokens);
        Exchanges.json(exchange, 200, answer);
    }

    private static void embed(HttpExchange exchange, JsonNode body, Instant now) throws IOException {
        ObjectNode embedding = GeminiApiEmbeddings.embed(body);
        if (embedding == null) {
            Exchanges.error(exchange, GoogleErrors.invalidArgument("* EmbedContentRequest.content: content is not specified\n"), null, now);
            return;
        }
        ObjectNode answer = Json.object();
        answer.set("embedding", embedding);
        Exchanges.json(exchange, 200, answer);
    }

    private static void batchEmbed(HttpExchange exchange, Call call, JsonNode body, Instant now) throws IOException {
        JsonNode requests = body.get("requests");
        if (requests == null || !requests.isArray() || requests.isEmpty()) {
            Exchanges.error(exchange, GoogleErrors.invalidArgument("* BatchEmbedContentsRequest.requests: requests is not specified\n"),
                    null, now);
            return;
        }
        ObjectNode answer = Json.object();
        ArrayNode embeddings = answer.putArray("embeddings");
        for (int i = 0; i < requests.size(); i++) {
            JsonNode one = requests.get(i);
            String named = one.path("model").asText("models/" + call.model());
            ObjectNode embedding = GeminiApiEmbeddings.embed(one);
            if (!named.equals("models/" + call.model()) || embedding == null) {
                Exchanges.error(exchange, GoogleErrors.invalidArgument("* BatchEmbedContentsRequest.requests[" + i + "]: "
                        + (embedding == null ? "content is not specified" : "model " + named + " differs from the model in the URL")
                        + "\n"), null, now);
                return;
            }
            embeddings.add(embedding);
        }
        Exchanges.json(exchange, 200, answer);
    }

    private static GoogleError notFound(Call call) {
        if (call.surface() == ReplyRenderer.Surface.VERTEX) {
            return GoogleErrors.notFound("Publisher Model `publishers/google/models/" + call.model() + "` was not found.");
        }
        return GoogleErrors.notFound("models/" + call.model() + " is not found for API version v1beta, or does not support "
                + (call.action() == null ? "GetModel" : call.action()) + ". Call ListModels for the available models.");
    }
}
