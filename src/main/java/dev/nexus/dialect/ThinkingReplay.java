package dev.nexus.dialect;

import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Reasoning;
import dev.nexus.chat.Role;
import dev.nexus.chat.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Makes an Anthropic client's history safe to replay to one upstream. Claude Code stores every thinking block with
 * its signature and sends them all back; an upstream rejects signatures it did not issue ("Invalid `signature` in
 * `thinking` block"), and Anthropic with thinking on also rejects a tool-loop turn that does not start with a valid
 * thinking block ("Expected `thinking` or `redacted_thinking`, but found `tool_use`").
 *
 * <p>{@link #safeFor} therefore, for the target's signature origin:
 * <ol>
 *   <li>drops every thinking part (plain or redacted) whose signature is absent, empty or from another origin, and
 *       any message left empty by that;</li>
 *   <li>for a Claude upstream (origin {@code anthropic}, or any origin naming {@code claude}, such as
 *       {@code cloudcode/claude}): if the request turns thinking on and the last assistant turn with tool calls in
 *       the active tool loop (after the last user message that answers no tool) is left with no signature of the
 *       target's origin — on a thinking part or on a tool call — turns thinking off for this request. Gemini
 *       upstreams take the documented bypass sentinel the Gemini encoder puts on unsigned calls, so for them
 *       thinking stays on.</li>
 * </ol>
 * It never fabricates or moves a signature: a fabricated one fails verification, so turning thinking off for that one
 * request is the only way the turn can still be answered (protocols §6.1). Tool-call signatures are left as they are
 * (each encoder replays only those of its own origin). Pure; the front calls it once the target is known.
 */
public final class ThinkingReplay {
    private ThinkingReplay() {}

    /**
     * @param origin the signature origin of the upstream the request goes to, e.g. {@code "anthropic"},
     *     {@code "cloudcode/gemini"}, {@code "cloudcode/claude"}
     */
    public static ChatRequest safeFor(ChatRequest request, String origin) {
        List<Message> kept = new ArrayList<>(request.messages().size());
        boolean changed = false;
        for (Message message : request.messages()) {
            List<Part> parts = replayable(message.parts(), origin);
            if (parts == message.parts()) {
                kept.add(message);
                continue;
            }
            changed = true;
            if (!parts.isEmpty()) {
                kept.add(new Message(message.role(), parts));
            }
        }
        ChatRequest safe = changed ? request.withMessages(kept) : request;
        if (isClaude(origin) && request.reasoning().enabled().orElse(false)
                && lastToolTurn(kept).filter(turn -> !signed(turn, origin)).isPresent()) {
            return withThinkingOff(safe);
        }
        return safe;
    }

    /** Claude verifies the thinking of a replayed tool turn; Gemini does not need it. */
    private static boolean isClaude(String origin) {
        // "anthropic" is the origin of signatures issued by Anthropic itself (see the Anthropic dialect's envelope).
        return origin.equals("anthropic") || origin.toLowerCase(Locale.ROOT).contains("claude");
    }

    /** The parts without the thinking the origin cannot verify: the same list when there is none (the usual case). */
    private static List<Part> replayable(List<Part> parts, String origin) {
        List<Part> kept = null;
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            boolean dropped = part instanceof Part.Thinking thinking && !signedBy(thinking.signature(), origin);
            if (dropped && kept == null) {
                kept = new ArrayList<>(parts.subList(0, i));
            } else if (!dropped && kept != null) {
                kept.add(part);
            }
        }
        return kept == null ? parts : kept;
    }

    private static boolean signedBy(Optional<Signature> signature, String origin) {
        return signature.filter(s -> s.issuedBy(origin) && !s.value().isEmpty()).isPresent();
    }

    private static boolean signed(Message turn, String origin) {
        return turn.parts().stream().anyMatch(part -> switch (part) {
            case Part.Thinking thinking -> signedBy(thinking.signature(), origin);
            case Part.ToolCall call -> signedBy(call.signature(), origin);
            default -> false;
        });
    }

    /**
     * The last assistant message with tool calls after the last user message without tool results: a user message
     * that answers tools continues the loop even when it carries text too (Claude Code adds reminders to them).
     */
    private static Optional<Message> lastToolTurn(List<Message> messages) {
        Message found = null;
        for (Message message : messages) {
            if (message.role() == Role.USER && !holds(message, Part.ToolResult.class)) {
                found = null;
            } else if (message.role() == Role.ASSISTANT && holds(message, Part.ToolCall.class)) {
                found = message;
            }
        }
        return Optional.ofNullable(found);
    }

    private static boolean holds(Message message, Class<? extends Part> kind) {
        for (Part part : message.parts()) {
            if (kind.isInstance(part)) {
                return true;
            }
        }
        return false;
    }

    private static ChatRequest withThinkingOff(ChatRequest r) {
        Reasoning off = new Reasoning(Optional.of(false), Optional.empty(), Optional.empty(), Optional.empty());
        return new ChatRequest(r.model(), r.system(), r.messages(), r.tools(), r.toolChoice(), r.parallelToolCalls(),
                r.generation(), r.responseFormat(), off, r.stream(), r.includeUsageInStream(), r.metadata());
    }
}
