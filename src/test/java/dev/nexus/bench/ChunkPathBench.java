package dev.nexus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.Message;
import dev.nexus.dialect.SseSink;
import dev.nexus.dialect.anthropic.AnthropicStreamWriter;
import dev.nexus.dialect.gemini.GeminiEncoded;
import dev.nexus.dialect.gemini.GeminiEventDecoder;
import dev.nexus.dialect.gemini.GeminiRequests;
import dev.nexus.dialect.gemini.GeminiTarget;
import dev.nexus.dialect.openai.ChatCompletionsStreamWriter;
import dev.nexus.provider.GeminiStreamReader;
import dev.nexus.provider.Outcome;
import dev.nexus.server.SseOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nexus's own work per streamed chunk, without the sockets ({@code bench/run-jmh.sh}): a Cloud Code SSE stream of
 * {@link #EVENTS} text events, read, decoded to canonical events and written as the client's SSE frames — for an
 * OpenAI Chat Completions client, an Anthropic client and a GenAI pass-through client — against the floor relay's work
 * (find each event's text and copy it into a fixed frame). Scores are per upstream event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xmx512m"})
public class ChunkPathBench {
    static final int EVENTS = 30;
    private static final byte[] TEXT = "\"text\":\"".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json = new ObjectMapper();
    private final GeminiStreamReader reader = new GeminiStreamReader(json, "Cloud Code");
    private byte[] upstream;
    private GeminiEncoded encoded;
    private GeminiTarget target;

    @Setup
    public void setUp() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte[] event : BenchUpstream.slowEvents(EVENTS)) {
            stream.writeBytes(event);
        }
        upstream = stream.toByteArray();
        target = new GeminiTarget(BenchUpstream.MODEL, "cloudcode/gemini");
        encoded = GeminiRequests.encode(ChatRequest.of(BenchUpstream.MODEL, List.of(Message.user("hi"))), target);
    }

    /** Counts the bytes a stream writer hands to the socket, framed as {@code SseOutput} frames them. */
    static final class Wire implements SseSink {
        long bytes;

        @Override
        public void send(String event, String data) {
            bytes += SseOutput.frame(event, data).length;
        }

        @Override
        public void send(String event, JsonNode data) {
            bytes += SseOutput.frame(event, data).length;
        }
    }

    private long decodeInto(EventSink writer, Wire wire) {
        GeminiEventDecoder decoder = new GeminiEventDecoder(target, encoded.names(), "msg_bench");
        Outcome outcome = reader.read(new ByteArrayInputStream(upstream), response -> decoder.chunk(response, writer),
                (code, data) -> Outcome.DONE, () -> true);
        if (outcome instanceof Outcome.Done) {
            decoder.end(writer);
        }
        return wire.bytes;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long openAiChat() {
        Wire wire = new Wire();
        return decodeInto(new ChatCompletionsStreamWriter(wire, "chatcmpl-bench", BenchUpstream.MODEL, 1_700_000_000L, false), wire);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long anthropic() {
        Wire wire = new Wire();
        return decodeInto(new AnthropicStreamWriter(wire, "msg_bench", BenchUpstream.MODEL), wire);
    }

    /** The GenAI surface's pass-through: each chunk unwrapped from Cloud Code's envelope and written as JSON. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long genAiPassThrough() {
        Wire wire = new Wire();
        reader.read(new ByteArrayInputStream(upstream), response -> wire.send(null, response),
                (code, data) -> Outcome.DONE, () -> true);
        return wire.bytes;
    }

    /** What the floor relay does per event: find the text and copy it into a fixed chunk. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long floor() {
        long bytes = 0;
        byte[] in = upstream;
        for (int i = indexOf(in, TEXT, 0); i >= 0; i = indexOf(in, TEXT, i + 1)) {
            int start = i + TEXT.length;
            int end = start;
            while (in[end] != '"') {
                end++;
            }
            ByteArrayOutputStream frame = new ByteArrayOutputStream(160);
            frame.writeBytes(FLOOR_HEAD);
            frame.write(in, start, end - start);
            frame.writeBytes(FLOOR_TAIL);
            bytes += frame.size();
        }
        return bytes;
    }

    private static final byte[] FLOOR_HEAD = ("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gemini-3-flash\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"").getBytes(StandardCharsets.UTF_8);
    private static final byte[] FLOOR_TAIL = "\"},\"finish_reason\":null}]}\n\n".getBytes(StandardCharsets.UTF_8);

    private static int indexOf(byte[] in, byte[] what, int from) {
        outer:
        for (int i = from; i <= in.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
