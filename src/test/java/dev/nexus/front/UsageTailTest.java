package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.chat.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UsageTailTest {
    private static void add(UsageTail tail, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        tail.add(bytes, 0, bytes.length);
    }

    @Test
    void theLastUsageMetadataOfAStreamCountsWithThoughtsAsOutput() {
        UsageTail tail = new UsageTail();
        add(tail, "data: {\"candidates\":[],\"usageMetadata\":{\"promptTokenCount\":5,\"totalTokenCount\":5}}\r\n\r\n");
        add(tail, "x".repeat(40_000));
        add(tail, "data: {\"candidates\":[{\"content\":{}}],\"usageMetadata\":{\"promptTokenCount\":21,\"candidatesTokenCount\":4,"
                + "\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":21}],\"thoughtsTokenCount\":2},\"modelVersion\":\"m\"}\r\n\r\n");
        assertThat(tail.usage()).contains(new Usage(21, 6, 0, 2));
    }

    @Test
    void anAnswerWithoutUsageHasNone() {
        UsageTail tail = new UsageTail();
        assertThat(tail.usage()).isEmpty();
        add(tail, "{\"models\":[]}");
        assertThat(tail.usage()).isEmpty();
    }

    @Test
    void smallWritesPastTheBufferKeepTheEnd() {
        UsageTail tail = new UsageTail();
        for (int i = 0; i < 5000; i++) {
            add(tail, "filler-");
        }
        add(tail, "{\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":1}}]");
        assertThat(tail.usage()).contains(new Usage(3, 1, 0, 0));
    }
}
