package dev.nexus.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the reasoning signature an upstream attached to each tool call, keyed by the call id, and puts it back
 * when a client that has no slot for signatures (OpenAI Chat Completions) replays the call in the next request.
 * Gemini 3 and Claude-on-Cloud-Code refuse a replayed tool call without its signature.
 */
public final class ToolSignatures {
    private final Cache<String, Signature> byCallId;

    public ToolSignatures(int maximumSize, Duration retention) {
        this.byCallId = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(retention).build();
    }

    /** The request with known signatures restored on tool calls that arrived without one. */
    public ChatRequest restore(ChatRequest request) {
        boolean changed = false;
        List<Message> messages = new ArrayList<>(request.messages().size());
        for (Message message : request.messages()) {
            List<Part> parts = new ArrayList<>(message.parts().size());
            for (Part part : message.parts()) {
                if (part instanceof Part.ToolCall call && call.signature().isEmpty()) {
                    Signature known = byCallId.getIfPresent(call.id());
                    if (known != null) {
                        part = new Part.ToolCall(call.id(), call.name(), call.arguments(), java.util.Optional.of(known));
                        changed = true;
                    }
                }
                parts.add(part);
            }
            messages.add(new Message(message.role(), parts));
        }
        return changed ? request.withMessages(messages) : request;
    }

    /** A sink that passes events on and records signatures of tool-call blocks as they stream by. */
    public EventSink recording(EventSink next) {
        Map<Integer, String> callIds = new HashMap<>();
        return event -> {
            if (event instanceof ChatEvent.BlockStart start && start.block() instanceof Block.ToolCall call) {
                callIds.put(start.index(), call.id());
            } else if (event instanceof ChatEvent.SignatureDelta delta && callIds.containsKey(delta.index())) {
                byCallId.put(callIds.get(delta.index()), delta.signature());
            }
            next.accept(event);
        };
    }
}
