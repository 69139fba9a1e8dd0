package dev.nexus.dialect.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.Part;
import dev.nexus.chat.Signature;
import dev.nexus.chat.WebSources;
import java.util.Optional;

/**
 * A collected {@link ChatResponse} as a non-streaming Anthropic {@code message} body. It says what
 * {@link AnthropicStreamWriter} would have said: the blocks in order (thinking with its enveloped signature, or
 * {@code ""} when it has none; text; tool_use with its input as an object), the same stop reason and usage, and
 * tool-call signatures dropped for the same reason. A response that ended in a failure is not for this class: answer
 * it with {@link AnthropicErrors#fromUpstream}.
 */
public final class AnthropicResponses {
    private AnthropicResponses() {}

    /**
     * @param messageId the id the client sees, e.g. {@code msg_…}
     * @param model the model name the client asked for
     */
    public static ObjectNode encode(ChatResponse response, String messageId, String model) {
        return encode(response, messageId, model, false);
    }

    /**
     * @param searching whether the client offered the web search tool: only then do the answer's web sources become
     *     search blocks and citations ({@link WebSearchBlocks}), placed before the first text block
     */
    public static ObjectNode encode(ChatResponse response, String messageId, String model, boolean searching) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", messageId).put("type", "message").put("role", "assistant").put("model", model);
        ArrayNode content = body.putArray("content");
        Optional<WebSources> sources = response.sources().filter(s -> searching);
        boolean calledTools = false;
        boolean searchShown = false;
        int textAt = 0;
        for (Part part : response.content()) {
            if (part instanceof Part.Text && sources.isPresent() && !searchShown) {
                content.addAll(WebSearchBlocks.search(sources.get(), messageId));
                searchShown = true;
            }
            switch (part) {
                case Part.Text text when sources.isPresent() -> {
                    content.addAll(WebSearchBlocks.text(text.text(), textAt, sources.get()));
                    textAt += text.text().length();
                }
                case Part.Text text -> content.addObject().put("type", "text").put("text", text.text());
                case Part.Thinking thinking when thinking.redacted() -> wrapped(thinking.signature())
                        .ifPresent(data -> content.addObject().put("type", "redacted_thinking").put("data", data));
                case Part.Thinking thinking -> content.addObject().put("type", "thinking").put("thinking", thinking.text())
                        .put("signature", wrapped(thinking.signature()).orElse(""));
                case Part.ToolCall call -> {
                    calledTools = true;
                    content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                            .set("input", ToolInputs.object(call.arguments()));
                }
                default -> { } // media and tool results do not occur in answers
            }
        }
        if (sources.isPresent() && !searchShown) {
            content.addAll(WebSearchBlocks.search(sources.get(), messageId));
        }
        body.put("stop_reason", StopReasons.toAnthropic(response.stopReason(), calledTools));
        body.putNull("stop_sequence");
        ObjectNode usage = UsageJson.write(response.usage());
        sources.ifPresent(s -> usage.set("server_tool_use", WebSearchBlocks.usage(s)));
        body.set("usage", usage);
        return body;
    }

    private static Optional<String> wrapped(Optional<Signature> signature) {
        return signature.flatMap(SignatureEnvelope::wrap);
    }
}
