package dev.nexus.provider.openaicompat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.EventSink;
import dev.nexus.provider.AnthropicRelay;
import dev.nexus.provider.ChatCompletionsRelay;
import dev.nexus.provider.Credentials;
import dev.nexus.provider.Outcome;
import dev.nexus.provider.Provider;
import dev.nexus.provider.anthropic.AnthropicProvider;
import java.util.List;
import java.util.Map;

/**
 * A catalog provider that speaks Anthropic Messages as well as Chat Completions ({@code capabilities:
 * [openai.chat, anthropic.messages]}, as OpenRouter does at {@code /v1/messages}). Anthropic clients are relayed to its
 * Messages endpoint as they are (thinking blocks and signatures untouched); OpenAI Chat clients take the Chat
 * Completions fast path; everything else goes through the canonical model to Chat Completions. One key ring serves
 * both endpoints.
 */
public final class BilingualCompatProvider implements Provider, ChatCompletionsRelay, AnthropicRelay {
    private final OpenAiCompatProvider chat;
    private final AnthropicProvider messages;

    /** @param chat and {@code messages} answer for the same provider id */
    public BilingualCompatProvider(OpenAiCompatProvider chat, AnthropicProvider messages) {
        if (!chat.id().equals(messages.id())) {
            throw new IllegalArgumentException("one provider, one id: " + chat.id() + " and " + messages.id());
        }
        this.chat = chat;
        this.messages = messages;
    }

    @Override
    public String id() {
        return chat.id();
    }

    @Override
    public Outcome call(ChatRequest request, Credentials credentials, String requestId, EventSink sink) {
        return chat.call(request, credentials, requestId, sink);
    }

    @Override
    public List<String> limitations(ChatRequest request) {
        return chat.limitations(request);
    }

    @Override
    public Outcome relay(ObjectNode body, String model, Credentials credentials, String requestId, ChatCompletionsRelay.Sink sink) {
        return chat.relay(body, model, credentials, requestId, sink);
    }

    @Override
    public Outcome relay(ObjectNode body, Map<String, String> clientHeaders, String model, Credentials credentials, String requestId,
            AnthropicRelay.Sink sink) {
        return messages.relay(body, clientHeaders, model, credentials, requestId, sink);
    }
}
