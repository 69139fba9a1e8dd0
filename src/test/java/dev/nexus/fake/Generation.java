package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/** generateContent, streamGenerateContent and countTokens: validate the envelope, then pick the scripted reply. */
final class Generation {
    private static final String INVALID = "Request contains an invalid argument.";

    /** Real Cloud Code's words for a model id its catalog does not list. */
    static final String MODEL_NOT_FOUND = "Requested entity was not found.";

    private final Script script;
    private final ModelCatalog catalog;
    private final ReplyPlayer player;

    Generation(Script script, ModelCatalog catalog, OpenStreams openStreams) {
        this.script = script;
        this.catalog = catalog;
        this.player = new ReplyPlayer(openStreams);
    }

    void generate(CloudCall call, boolean stream) throws IOException {
        JsonNode request = innerRequest(call);
        if (request == null) {
            return;
        }
        JsonNode contents = request.get("contents");
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            call.fail(GoogleErrors.invalidArgument("* GenerateContentRequest.contents: contents is not specified\n"));
            return;
        }
        if (call.project() == null) {
            call.fail(GoogleErrors.invalidArgument(INVALID));
            return;
        }
        GoogleError denied = call.projectMismatch();
        if (denied != null) {
            call.fail(denied);
            return;
        }
        String model = modelId(call.body().get("model"));
        if (model == null) {
            call.fail(GoogleErrors.invalidArgument(INVALID));
            return;
        }
        if (!catalog.lists(call.account(), model)) {
            call.fail(GoogleErrors.notFound(MODEL_NOT_FOUND), model);
            return;
        }
        Reply reply = script.take(call.account().email(), model);
        ReplyRenderer.Turn turn = new ReplyRenderer.Turn(model, request, call.now());
        if (reply.httpError != null) {
            // The array-wrapped shape belongs to the streaming endpoint; a unary call gets the plain body.
            GoogleError error = stream ? reply.httpError : reply.httpError.withoutArrayWrap();
            call.fail(error, model);
        } else if (stream) {
            player.stream(call.exchange(), call.request(), reply, new ReplyRenderer(reply, turn));
        } else {
            player.unary(call.exchange(), reply, new ReplyRenderer(reply, turn), model, call.now());
        }
    }

    void countTokens(CloudCall call) throws IOException {
        JsonNode request = innerRequest(call);
        if (request == null) {
            return;
        }
        GoogleError denied = call.projectMismatch();
        if (denied != null) {
            call.fail(denied);
            return;
        }
        String model = modelId(request.get("model"));
        if (model != null && !catalog.lists(call.account(), model)) {
            call.fail(GoogleErrors.notFound(MODEL_NOT_FOUND), model);
            return;
        }
        call.ok(Json.object().put("totalTokens", TokenEstimate.ofContents(request.get("contents"))));
    }

    /** The wrapped Gemini request, or null after answering 400 for a body that is not a Cloud Code envelope. */
    private static JsonNode innerRequest(CloudCall call) throws IOException {
        JsonNode request = call.body().get("request");
        if (request != null && request.isObject()) {
            return request;
        }
        // A bare Gemini body sent to Cloud Code fails proto parsing on its first unknown top-level field.
        for (String bare : List.of("contents", "generationConfig", "generation_config", "systemInstruction", "system_instruction")) {
            if (call.body().has(bare)) {
                call.fail(GoogleErrors.unknownField(bare));
                return null;
            }
        }
        call.fail(GoogleErrors.invalidArgument(INVALID));
        return null;
    }

    private static String modelId(JsonNode model) {
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            return null;
        }
        String id = model.asText();
        return id.startsWith("models/") ? id.substring("models/".length()) : id;
    }
}
