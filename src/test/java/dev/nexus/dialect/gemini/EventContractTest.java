package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.StopReason;
import dev.nexus.chat.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker the stream tests rely on must itself reject broken streams. */
class EventContractTest {
    private static final ChatEvent START = new ChatEvent.MessageStart("id", "m");
    private static final ChatEvent FINISH = new ChatEvent.Finish(StopReason.END_TURN, Usage.ZERO);

    @Test
    void aWellFormedStreamPasses() {
        assertThatCode(() -> EventContract.check(List.of(START, new ChatEvent.BlockStart(0, new Block.Text()),
                new ChatEvent.TextDelta(0, "x"), new ChatEvent.UsageUpdate(Usage.ZERO), new ChatEvent.BlockStop(0), FINISH)))
                .doesNotThrowAnyException();
    }

    @Test
    void interleavedBlocksAreRejected() {
        assertThatThrownBy(() -> EventContract.check(List.of(START, new ChatEvent.BlockStart(0, new Block.Text()),
                new ChatEvent.BlockStart(1, new Block.Thinking()), FINISH))).hasMessageContaining("while another is open");
    }

    @Test
    void aDeltaOfTheWrongKindIsRejected() {
        assertThatThrownBy(() -> EventContract.check(List.of(START, new ChatEvent.BlockStart(0, new Block.Text()),
                new ChatEvent.ThinkingDelta(0, "x"), new ChatEvent.BlockStop(0), FINISH))).hasMessageContaining("thinking goes");
    }

    @Test
    void aFinishWithABlockStillOpenOrTwoFinishesAreRejected() {
        assertThatThrownBy(() -> EventContract.check(List.of(START, new ChatEvent.BlockStart(0, new Block.Text()), FINISH)))
                .hasMessageContaining("every block stopped");
        assertThatThrownBy(() -> EventContract.check(List.of(START, FINISH, FINISH))).hasMessageContaining("Finish comes last");
    }
}
