package dev.nexus.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.chat.UpstreamError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Gemini {@code streamGenerateContent?alt=sse} body — Cloud Code's {@code {response, traceId}} chunks or the
 * Gemini API's and Vertex's bare ones — and hands each bare {@code GenerateContentResponse} on. Robust to what
 * upstreams send: blank and malformed chunks are skipped, {@code [DONE]} ends the stream, an error chunk (possibly
 * wrapped in an array) ends it with the upstream's classified failure, and a stream that stops before any
 * candidate finished is a failure too, not a silently short answer.
 */
public final class GeminiStreamReader {
    private static final Logger LOG = LoggerFactory.getLogger(GeminiStreamReader.class);

    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json;
    private final String upstream;

    /** @param upstream the upstream's name for messages, e.g. {@code Cloud Code} */
    public GeminiStreamReader(ObjectMapper json, String upstream) {
        this.json = json;
        this.upstream = upstream;
    }

    /**
     * @param classify turns an in-stream error (its code and the raw chunk) into an outcome
     * @param started whether anything has reached the client yet: a failure then is {@link Outcome.Broken}
     */
    public Outcome read(InputStream in, Consumer<JsonNode> responses, BiFunction<Integer, String, Outcome> classify,
            BooleanSupplier started) {
        boolean finished = false;
        try {
            SseReader reader = new SseReader(in);
            for (Optional<SseReader.Event> next = reader.next(); next.isPresent(); next = reader.next()) {
                byte[] data = next.get().data();
                if (blank(data)) {
                    continue;
                }
                if (done(data)) {
                    break;
                }
                JsonNode chunk;
                try {
                    // From the bytes as they came: Jackson's UTF-8 parser, no String in between.
                    chunk = json.readTree(data);
                } catch (IOException malformed) {
                    LOG.debug("skipping a malformed {} stream chunk: {}", upstream, malformed.getMessage());
                    continue;
                }
                if (chunk == null) {
                    continue;
                }
                JsonNode errorNode = chunk.isArray() ? chunk.path(0) : chunk;
                if (errorNode.has("error")) {
                    Outcome failure = classify.apply(errorNode.path("error").path("code").asInt(500),
                            new String(data, StandardCharsets.UTF_8).trim());
                    return started.getAsBoolean() ? new Outcome.Broken(failure.error()) : failure;
                }
                JsonNode response = chunk.has("response") ? chunk.path("response") : chunk;
                responses.accept(response);
                finished |= hasFinishReason(response);
            }
        } catch (IOException e) {
            return failed("the " + upstream + " stream broke: " + e.getMessage(), started);
        }
        return finished ? Outcome.DONE
                : failed("the " + upstream + " stream ended before the model finished (connection closed early)", started);
    }

    private static boolean blank(byte[] data) {
        for (byte b : data) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** {@code [DONE]}, give or take surrounding white space. */
    private static boolean done(byte[] data) {
        int from = 0;
        int to = data.length;
        while (from < to && data[from] <= ' ') {
            from++;
        }
        while (to > from && data[to - 1] <= ' ') {
            to--;
        }
        return Arrays.equals(data, from, to, DONE, 0, DONE.length);
    }

    private static Outcome failed(String message, BooleanSupplier started) {
        UpstreamError error = UpstreamError.of(502, UpstreamError.Kind.UPSTREAM, message);
        return started.getAsBoolean() ? new Outcome.Broken(error) : new Outcome.Retryable(error);
    }

    /** Whether a chunk ends the answer: a candidate with a finish reason, or a prompt blocked outright. */
    public static boolean hasFinishReason(JsonNode response) {
        for (JsonNode candidate : response.path("candidates")) {
            if (!candidate.path("finishReason").asText("").isEmpty()) {
                return true;
            }
        }
        return response.path("promptFeedback").has("blockReason");
    }
}
