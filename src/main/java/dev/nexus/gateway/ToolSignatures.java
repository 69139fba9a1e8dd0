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
 * Gemini 3 and Claude-on-Cloud-Code refuse a replayed tool call without its signature (Codex's encrypted reasoning
 * travels the same way, on the call that follows it).
 *
 * <p>Signatures are written through to a {@link SignatureRepository} as they stream by — before the answer ends, so
 * the client's next turn finds them on any instance — and a call this process does not know is looked up there.
 */
public final class ToolSignatures {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ToolSignatures.class);
    private final Cache<String, Signature> byCallId;
    /**
     * Calls the repository had no signature for. A signature is stored before the answer that carries its call ends,
     * so a call unknown when a later turn replays it stays unknown: asking again on every turn would only cost queries
     * (clients of providers that never sign replay every call unsigned).
     */
    private final Cache<String, Boolean> unsigned;
    private final SignatureRepository shared;
    private final Duration retention;
    private final java.time.Clock clock;

    public ToolSignatures(int maximumSize, Duration retention) {
        this(maximumSize, retention, SignatureRepository.NONE, java.time.Clock.systemUTC());
    }

    /** @param shared where every instance finds the signatures any of them saw */
    public ToolSignatures(int maximumSize, Duration retention, SignatureRepository shared, java.time.Clock clock) {
        this.byCallId = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(retention).build();
        this.unsigned = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(retention).build();
        this.shared = shared;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * The request with known signatures restored on tool calls that arrived without one; the same request when there
     * is none to restore. Only messages that change are copied.
     */
    public ChatRequest restore(ChatRequest request) {
        lookUpUnknown(request);
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

    /** Fetches, in one query, the signatures of unsigned calls this process has not seen (another instance may have). */
    private void lookUpUnknown(ChatRequest request) {
        List<String> unknown = null;
        for (Message message : request.messages()) {
            for (Part part : message.parts()) {
                if (part instanceof Part.ToolCall call && call.signature().isEmpty() && byCallId.getIfPresent(call.id()) == null
                        && unsigned.getIfPresent(call.id()) == null) {
                    if (unknown == null) {
                        unknown = new ArrayList<>();
                    }
                    unknown.add(call.id());
                }
            }
        }
        if (unknown == null) {
            return;
        }
        try {
            Map<String, Signature> found = shared.find(unknown, clock.instant().minus(retention));
            byCallId.putAll(found);
            unknown.stream().filter(id -> !found.containsKey(id)).forEach(id -> unsigned.put(id, Boolean.TRUE));
        } catch (RuntimeException e) {
            LOG.warn("could not read stored tool-call signatures (the calls are replayed without them): {}", e.getMessage());
        }
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
                String callId = callIds.get(delta.index());
                byCallId.put(callId, delta.signature());
                try {
                    shared.save(callId, delta.signature(), clock.instant());
                } catch (RuntimeException e) {
                    LOG.warn("could not store a tool-call signature (only this instance can restore it): {}", e.getMessage());
                }
            }
            next.accept(event);
        };
    }
}
