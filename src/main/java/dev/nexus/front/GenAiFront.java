package dev.nexus.front;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.ClientModelName;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.RandomIds;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.gemini.GeminiRequests;
import dev.nexus.dialect.gemini.GeminiResponses;
import dev.nexus.dialect.gemini.GeminiStreamWriter;
import dev.nexus.dialect.gemini.GoogleErrors;
import dev.nexus.gateway.Gateway;
import dev.nexus.gateway.GenAiTranslation;
import dev.nexus.gateway.Protocol;
import dev.nexus.gateway.RequestContext;
import dev.nexus.gateway.TokenCounter;
import dev.nexus.provider.GeminiCall;
import dev.nexus.provider.GeminiSink;
import dev.nexus.server.HttpError;
import dev.nexus.server.JsonArrayOutput;
import dev.nexus.server.JsonBodies;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import dev.nexus.server.SseOutput;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Google GenAI surface on the account pool: {@code POST /genai/{v1beta|v1|v1alpha}/models/{model}:generateContent},
 * {@code :streamGenerateContent} (SSE with {@code alt=sse}, otherwise a streamed JSON array, as Google answers) and
 * {@code :countTokens}. Routed like every other request: to a Google provider the body is relayed as it is
 * (pass-through); to any other (Codex, OpenAI-compatible, Anthropic) it goes through the canonical model and the
 * answer is written back in Google's format ({@link GeminiStreamWriter}, {@link GeminiResponses}), where countTokens is
 * the local estimate.
 */
public final class GenAiFront implements Routes {
    static final List<String> VERSIONS = List.of("v1beta", "v1", "v1alpha");
    private static final String ROUTE_HEADER = ClientAnswer.ROUTE_HEADER;
    private static final ClientAnswer.ErrorShape ERRORS = ClientAnswer.ErrorShape.of(e -> GoogleErrors.body(e.status(), e.message()));

    private final Gateway gateway;
    private final ClientAnswer answers;
    private final JsonBodies bodies;
    private final Replies replies;
    private final ObjectMapper json;
    private final TokenCounter tokens;

    public GenAiFront(Gateway gateway, TokenCounter tokens, JsonBodies bodies, Replies replies, ObjectMapper json) {
        this.gateway = gateway;
        this.tokens = tokens;
        this.answers = new ClientAnswer(gateway, replies);
        this.bodies = bodies;
        this.replies = replies;
        this.json = json;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        for (String version : VERSIONS) {
            routing.post("/genai/" + version + "/models/{call}", this::call);
        }
    }

    /** A model method from its URL segment, e.g. {@code gemini-3-flash:streamGenerateContent}. */
    record Method(String model, GeminiCall.Action action) {
        static Method parse(String segment) {
            int colon = segment.lastIndexOf(':');
            String model = colon < 0 ? segment : segment.substring(0, colon);
            String name = colon < 0 ? "" : segment.substring(colon + 1);
            if (model.isBlank()) {
                throw new HttpError(400, "the URL names no model: use /genai/v1beta/models/{model}:generateContent");
            }
            ClientModelName.problem(model).ifPresent(problem -> {
                throw new HttpError(400, "the model name in the URL " + problem);
            });
            GeminiCall.Action action = switch (name) {
                case "generateContent" -> GeminiCall.Action.GENERATE;
                case "streamGenerateContent" -> GeminiCall.Action.STREAM;
                case "countTokens" -> GeminiCall.Action.COUNT_TOKENS;
                default -> throw new HttpError(404, "models/" + model + (name.isEmpty() ? "" : ":" + name)
                        + " is not served on /genai (methods: generateContent, streamGenerateContent, countTokens;"
                        + " embeddings go through the Gemini API proxy under /v1beta with NEXUS_GEMINI_API_KEYS)");
            };
            return new Method(model, action);
        }
    }

    private void call(ServerRequest req, ServerResponse res) {
        Method method = Method.parse(req.path().pathParameters().get("call"));
        ObjectNode body = (ObjectNode) bodies.readObject(req);
        // countTokens may wrap the request it counts as Google's API allows; either way it needs contents.
        JsonNode counted = method.action() == GeminiCall.Action.COUNT_TOKENS && body.has("generateContentRequest")
                ? body.path("generateContentRequest") : body;
        requireContents(counted);
        GeminiCall call = new GeminiCall(body, method.action());
        RequestContext ctx = Observed.context(req, Protocol.GENAI);
        String responseId = RandomIds.hex(12);
        if (method.action() == GeminiCall.Action.COUNT_TOKENS && !gateway.relaysGenAi(method.model(), counted)) {
            countLocally(req, res, counted, method.model());
        } else if (method.action() != GeminiCall.Action.STREAM) {
            Unary unary = new Unary();
            GeminiSink sink = Observed.answers(req, unary);
            gateway.relay(call, method.model(), translation(body, method, (request, id) -> new GeminiResponses(request, id,
                    sink::accept, sink::fail), responseId), ctx, sink);
            res.header(ROUTE_HEADER, ctx.trace().render());
            if (unary.failure.isPresent()) {
                answers.error(req, res, ERRORS, unary.failure.get());
            } else {
                replies.json(req, res, 200, unary.response);
            }
        } else if (req.query().first("alt").orElse("").equals("sse")) {
            try (SseOutput sse = new SseOutput(req, res, () -> Map.of(ROUTE_HEADER, ctx.trace().render()))) {
                stream(call, method, body, ctx, responseId, Observed.answers(req, new StreamSink(sse::started, node -> sse.send(null, node), req, res, ctx)));
            }
        } else {
            try (JsonArrayOutput array = new JsonArrayOutput(req, res, () -> Map.of(ROUTE_HEADER, ctx.trace().render()))) {
                stream(call, method, body, ctx, responseId, Observed.answers(req, new StreamSink(array::started, node -> array.element(text(node)), req, res, ctx)));
            }
        }
    }

    private void stream(GeminiCall call, Method method, ObjectNode body, RequestContext ctx, String responseId, GeminiSink chunks) {
        gateway.relay(call, method.model(), translation(body, method, (request, id) -> new GeminiStreamWriter(request, id,
                chunks::accept, chunks::fail), responseId), ctx, chunks);
    }

    /** The client's request in the canonical model and the writer of its answer, for providers that need them. */
    private static GenAiTranslation translation(ObjectNode body, Method method,
            java.util.function.BiFunction<ChatRequest, String, EventSink> writer, String responseId) {
        return new GenAiTranslation() {
            @Override
            public ChatRequest request() {
                return GeminiRequests.decode(body, method.model(), method.action() == GeminiCall.Action.STREAM);
            }

            @Override
            public EventSink answer(ChatRequest request) {
                return writer.apply(request, responseId);
            }
        };
    }

    /** countTokens for a model whose provider has no Google count: the same estimate Anthropic's count_tokens gives. */
    private void countLocally(ServerRequest req, ServerResponse res, JsonNode counted, String model) {
        ChatRequest chat = GeminiRequests.decode(counted, model, false);
        byte[] raw;
        try {
            raw = json.writeValueAsBytes(counted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a request body", e);
        }
        replies.json(req, res, 200, Map.of("totalTokens", tokens.count(chat, raw)));
    }

    /** Google answers a request without contents with this 400; checking here spares an upstream round trip. */
    private static void requireContents(JsonNode body) {
        JsonNode contents = body.get("contents");
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            throw new HttpError(400, "* GenerateContentRequest.contents: contents is not specified (send \"contents\":"
                    + " [{\"role\":\"user\",\"parts\":[{\"text\":\"…\"}]}])");
        }
    }

    private String text(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a GenAI answer", e);
        }
    }

    /** Keeps the one answer of a unary call. */
    private static final class Unary implements GeminiSink {
        JsonNode response;
        Optional<UpstreamError> failure = Optional.empty();

        @Override
        public void accept(JsonNode response) {
            this.response = response;
        }

        @Override
        public void fail(UpstreamError error) {
            failure = Optional.of(error);
        }
    }

    /**
     * Writes chunks as they come, in SSE or JSON-array framing. A failure before the first chunk is a plain HTTP error;
     * after it, an error element ends the stream, as Google does.
     */
    private final class StreamSink implements GeminiSink {
        private final java.util.function.BooleanSupplier started;
        private final java.util.function.Consumer<JsonNode> write;
        private final ServerRequest req;
        private final ServerResponse res;
        private final RequestContext ctx;

        StreamSink(java.util.function.BooleanSupplier started, java.util.function.Consumer<JsonNode> write, ServerRequest req,
                ServerResponse res, RequestContext ctx) {
            this.started = started;
            this.write = write;
            this.req = req;
            this.res = res;
            this.ctx = ctx;
        }

        @Override
        public void accept(JsonNode response) {
            write.accept(response);
        }

        @Override
        public void fail(UpstreamError error) {
            if (started.getAsBoolean()) {
                write.accept(GoogleErrors.body(error.status(), error.message()));
            } else {
                answers.fail(req, res, ctx, ERRORS, error);
            }
        }
    }
}
