package dev.nexus.dialect.anthropic;

import dev.nexus.dialect.Field;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code system} and {@code messages}, walked once in order. A {@code role: "system"} message in the middle of the
 * conversation (Claude Code's mid-conversation-system beta) has no place of its own in the canonical request: its
 * text is appended to the system instructions, after the top-level {@code system}, in the order the messages come.
 */
final class MessageDecoder {
    /** What {@code system} and {@code messages} decode to. */
    record Decoded(List<Part> system, List<Message> messages) {}

    private MessageDecoder() {}

    static Decoded decode(Field body, BlockDecoder blocks) {
        List<Part> system = new ArrayList<>();
        Field top = body.get("system");
        if (top.present()) {
            system.addAll(blocks.system(top));
        }
        Field list = body.get("messages");
        if (!list.present()) {
            throw list.invalid("required; send the conversation as an array of messages");
        }
        List<Field> items = list.optItems();
        if (items.isEmpty()) {
            throw list.invalid("is empty; send at least one message");
        }
        List<Message> messages = new ArrayList<>();
        for (Field message : items) {
            message.object("send an object with \"role\" and \"content\"");
            String role = message.get("role").string("set it to user or assistant");
            Field content = message.get("content");
            switch (role) {
                case "user" -> messages.add(new Message(Role.USER, blocks.user(content)));
                case "assistant" -> messages.add(new Message(Role.ASSISTANT, blocks.assistant(content)));
                case "system" -> system.addAll(blocks.system(content));
                default -> throw message.get("role").invalid("unknown role \"" + role + "\"; use user or assistant");
            }
        }
        return new Decoded(system, messages);
    }
}
