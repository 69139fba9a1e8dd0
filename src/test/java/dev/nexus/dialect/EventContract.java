package dev.nexus.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.chat.ChatEvent;
import java.util.List;

/**
 * Checks a decoded event list against the contract in {@link ChatEvent}'s javadoc: {@code MessageStart} first (unless
 * the answer failed before it began), blocks with increasing indexes that never interleave, deltas only for the open
 * block, and exactly one {@code Finish} or {@code Failure}, last.
 */
public final class EventContract {
    private EventContract() {}

    public static void assertObeyed(List<ChatEvent> events) {
        assertThat(events).as("events").isNotEmpty();
        ChatEvent last = events.getLast();
        assertThat(last).as("last event").isInstanceOfAny(ChatEvent.Finish.class, ChatEvent.Failure.class);
        assertThat(events.stream().filter(e -> e instanceof ChatEvent.Finish || e instanceof ChatEvent.Failure))
                .as("terminal events").hasSize(1);
        if (!(events.size() == 1 && last instanceof ChatEvent.Failure)) {
            assertThat(events.getFirst()).as("first event").isInstanceOf(ChatEvent.MessageStart.class);
        }
        Integer open = null;
        int previous = -1;
        for (ChatEvent event : events.subList(1, events.size())) {
            switch (event) {
                case ChatEvent.BlockStart s -> {
                    assertThat(open).as("block %d starts while %s is open", s.index(), open).isNull();
                    assertThat(s.index()).as("block indexes increase").isGreaterThan(previous);
                    open = s.index();
                    previous = s.index();
                }
                case ChatEvent.BlockStop s -> {
                    assertThat(s.index()).as("stopped block").isEqualTo(open);
                    open = null;
                }
                case ChatEvent.TextDelta d -> assertThat(d.index()).as("delta's block").isEqualTo(open);
                case ChatEvent.ThinkingDelta d -> assertThat(d.index()).as("delta's block").isEqualTo(open);
                case ChatEvent.ToolArgsDelta d -> assertThat(d.index()).as("delta's block").isEqualTo(open);
                case ChatEvent.SignatureDelta d -> assertThat(d.index()).as("delta's block").isEqualTo(open);
                case ChatEvent.MessageStart s -> throw new AssertionError("second MessageStart " + s);
                case ChatEvent.Finish f -> assertThat(open).as("block open at finish").isNull();
                case ChatEvent.Failure f -> { }
                case ChatEvent.UsageUpdate u -> { }
                case ChatEvent.Sources s -> assertThat(open).as("block open at sources").isNull();
            }
        }
    }
}
