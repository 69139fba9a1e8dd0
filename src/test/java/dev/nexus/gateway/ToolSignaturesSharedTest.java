package dev.nexus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Role;
import dev.nexus.chat.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Two instances' tool signatures over one shared store: what one saw streaming by, the other restores. */
class ToolSignaturesSharedTest {
    private final Map<String, Signature> stored = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final SignatureRepository shared = new SignatureRepository() {
        @Override
        public Map<String, Signature> find(Collection<String> callIds, Instant storedSince) {
            lookups.incrementAndGet();
            Map<String, Signature> found = new java.util.HashMap<>();
            callIds.forEach(id -> Optional.ofNullable(stored.get(id)).ifPresent(s -> found.put(id, s)));
            return found;
        }

        @Override
        public void save(String callId, Signature signature, Instant at) {
            stored.put(callId, signature);
        }
    };

    private ToolSignatures instance() {
        return new ToolSignatures(100, Duration.ofHours(1), shared, Clock.systemUTC());
    }

    private static ChatRequest replaying(String... callIds) {
        List<Part> calls = java.util.Arrays.stream(callIds)
                .<Part>map(id -> new Part.ToolCall(id, "get_weather", "{}", Optional.empty())).toList();
        return ChatRequest.of("gemini-3-flash", List.of(new Message(Role.USER, List.of(new Part.Text("weather?"))),
                new Message(Role.ASSISTANT, calls)));
    }

    private static Optional<Signature> signatureOf(ChatRequest request, int call) {
        return ((Part.ToolCall) request.messages().get(1).parts().get(call)).signature();
    }

    @Test
    void aSignatureSeenStreamingOnOneInstanceIsRestoredOnAnother() {
        Signature signature = new Signature("sig-1", "cloudcode");
        var sink = instance().recording(event -> {});
        sink.accept(new ChatEvent.BlockStart(0, new Block.ToolCall("call-1", "get_weather")));
        sink.accept(new ChatEvent.SignatureDelta(0, signature));

        ToolSignatures other = instance();
        ChatRequest restored = other.restore(replaying("call-1", "call-unsigned"));
        assertThat(signatureOf(restored, 0)).contains(signature);
        assertThat(signatureOf(restored, 1)).isEmpty();
        assertThat(lookups).as("one query for both calls").hasValue(1);

        other.restore(replaying("call-1", "call-unsigned"));
        assertThat(lookups).as("known and known-unsigned calls are not asked for again").hasValue(1);
    }
}
