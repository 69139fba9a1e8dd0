package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.fail;

import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import java.util.List;

/** Checks a stream against the order {@link ChatEvent}'s javadoc promises; names the first event that breaks it. */
final class EventContract {
    private EventContract() {}

    static void check(List<ChatEvent> events) {
        if (events.isEmpty() || !(events.getFirst() instanceof ChatEvent.MessageStart)) {
            fail("a stream starts with MessageStart: %s", events);
        }
        Block open = null;
        int openIndex = -1;
        int lastIndex = -1;
        for (int i = 1; i < events.size(); i++) {
            ChatEvent event = events.get(i);
            boolean last = i == events.size() - 1;
            String where = "event " + i + " " + event + " in " + events;
            switch (event) {
                case ChatEvent.MessageStart s -> fail("a second MessageStart: %s", where);
                case ChatEvent.BlockStart s -> {
                    require(open == null, "a block starts while another is open", where);
                    require(s.index() > lastIndex, "block indexes increase", where);
                    open = s.block();
                    openIndex = s.index();
                    lastIndex = s.index();
                }
                case ChatEvent.TextDelta d ->
                        require(open instanceof Block.Text && d.index() == openIndex, "text goes to the open text block", where);
                case ChatEvent.ThinkingDelta d -> require(open instanceof Block.Thinking && d.index() == openIndex,
                        "thinking goes to the open thinking block", where);
                case ChatEvent.ToolArgsDelta d -> require(open instanceof Block.ToolCall && d.index() == openIndex,
                        "arguments go to the open tool-call block", where);
                case ChatEvent.SignatureDelta d -> require((open instanceof Block.Thinking || open instanceof Block.ToolCall)
                        && d.index() == openIndex, "a signature goes to the open thinking or tool-call block", where);
                case ChatEvent.BlockStop s -> {
                    require(open != null && s.index() == openIndex, "a stop ends the open block", where);
                    open = null;
                }
                case ChatEvent.UsageUpdate u -> { }
                case ChatEvent.Sources s -> require(open == null, "Sources come after every block stopped", where);
                case ChatEvent.Finish f -> require(last && open == null, "Finish comes last, after every block stopped", where);
                case ChatEvent.Failure f -> require(last && open == null, "Failure comes last, after every block stopped", where);
            }
        }
        ChatEvent end = events.getLast();
        require(end instanceof ChatEvent.Finish || end instanceof ChatEvent.Failure, "a stream ends with Finish or Failure",
                events.toString());
    }

    private static void require(boolean ok, String rule, String where) {
        if (!ok) {
            fail("%s: %s", rule, where);
        }
    }
}
