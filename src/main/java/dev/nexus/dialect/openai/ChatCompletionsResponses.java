package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.Part;

/**
 * A collected {@link ChatResponse} as a non-streaming {@code chat.completion} body. It says what the stream would have
 * said: text blocks joined, thinking as {@code reasoning_content}, tool calls in order, web sources as
 * {@code annotations} ({@link UrlCitations}), the same finish reason and usage. A response that ended in a failure is
 * not for this class: answer it with {@link OpenAiErrors#fromUpstream}.
 */
public final class ChatCompletionsResponses {
    private ChatCompletionsResponses() {}

    /**
     * @param model the model name the client asked for
     * @param created the epoch second the answer was created
     */
    public static ObjectNode encode(ChatResponse response, String model, long created) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode calls = JsonNodeFactory.instance.arrayNode();
        for (Part part : response.content()) {
            switch (part) {
                case Part.Text t -> text.append(t.text());
                case Part.Thinking t when !t.redacted() -> reasoning.append(t.text());
                case Part.ToolCall call -> {
                    ObjectNode encoded = calls.addObject().put("id", call.id()).put("type", "function");
                    encoded.putObject("function").put("name", call.name()).put("arguments", call.arguments());
                }
                default -> { } // redacted thinking is opaque; media and tool results do not occur in answers
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", response.id().isEmpty() ? "chatcmpl-" + created : response.id());
        body.put("object", "chat.completion").put("created", created).put("model", model);
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        message.put("content", text.isEmpty() ? null : text.toString());
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        message.putNull("refusal");
        response.sources().ifPresent(sources -> message.set("annotations", UrlCitations.chat(sources)));
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        choice.put("finish_reason", FinishReasons.toOpenAi(response.stopReason(), !calls.isEmpty()));
        choice.putNull("logprobs");
        body.set("usage", UsageJson.write(response.usage()));
        return body;
    }
}
