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

    /**
     * The request with known signatures restored on tool calls that arrived without one; the same request when there
     * is none to restore. Only messages that change are copied.
     */
    public ChatRequest restore(ChatRequest request) {
        List<Message> messages = null;
        for (int m = 0; m < request.messages().size(); m++) {
            Message message = request.messages().get(m);
            List<Part> parts = restored(message.parts());
            if (parts != message.parts() && messages == null) {
                messages = new ArrayList<>(request.messages().subList(0, m));
            }
            if (messages != null) {
                messages.add(parts == message.parts() ? message : new Message(message.role(), parts));
            }
        }
        return messages == null ? request : request.withMessages(messages);
    }

    /** The parts with known signatures on unsigned calls: the same list when none is known. */
    private List<Part> restored(List<Part> parts) {
        List<Part> out = null;
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (part instanceof Part.ToolCall call && call.signature().isEmpty()) {
                Signature known = byCallId.getIfPresent(call.id());
                if (known != null) {
                    if (out == null) {
                        out = new ArrayList<>(parts.subList(0, i));
                    }
                    part = new Part.ToolCall(call.id(), call.name(), call.arguments(), java.util.Optional.of(known));
                }
            }
            if (out != null) {
                out.add(part);
            }
        }
        return out == null ? parts : out;
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
