package dev.nexus.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Role;
import dev.nexus.chat.Tool;
import dev.nexus.dialect.anthropic.AnthropicRequests;
import dev.nexus.dialect.gemini.GeminiChunks;
import dev.nexus.dialect.gemini.GeminiRequests;
import dev.nexus.dialect.gemini.GeminiTarget;
import dev.nexus.dialect.openai.ChatCompletionsRequests;
import dev.nexus.dialect.openai.CodexRequests;
import dev.nexus.dialect.openai.ResponsesRequests;
import dev.nexus.testing.CpuGrowth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request codec does work in proportion to the request: 40 000 messages (or tools, schema branches, answer
 * chunks) cost about four times what 10 000 cost, never sixteen. Each case is timed on this thread's CPU clock, best of
 * a few runs after a warm-up ({@link CpuGrowth}); a ratio above {@link CpuGrowth#LINEAR_BOUND} means some step copies
 * or scans what came before for every new item. The shapes are the ones that were quadratic: a run of same-role
 * messages merged into one Gemini content, calls answered long after they were made, a web-search tool repeated
 * after many functions, wide {@code anyOf}/{@code allOf} schemas, and a long streamed answer folded into one.
 */
class CodecLinearityTest {
    private static final int SMALL = 10_000;
    private static final int LARGE = 40_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final GeminiTarget GEMINI = new GeminiTarget("gemini-2.5-flash", "gemini");

    static Stream<Arguments> work() {
        return Stream.of(
                Arguments.of("Gemini encode: user messages", canonical(n -> sameRole(n, Role.USER),
                        r -> GeminiRequests.encode(r, GEMINI))),
                Arguments.of("Gemini encode: assistant messages", canonical(n -> sameRole(n, Role.ASSISTANT),
                        r -> GeminiRequests.encode(r, GEMINI))),
                Arguments.of("Gemini encode: user tool results with text", canonical(CodecLinearityTest::resultsWithText,
                        r -> GeminiRequests.encode(r, GEMINI))),
                Arguments.of("Gemini encode: anyOf branches", canonical(CodecLinearityTest::anyOfSchema,
                        r -> GeminiRequests.encode(r, GEMINI))),
                Arguments.of("Gemini encode: allOf branches", canonical(CodecLinearityTest::allOfSchema,
                        r -> GeminiRequests.encode(r, GEMINI))),
                Arguments.of("Chat Completions encode: user messages", canonical(n -> sameRole(n, Role.USER),
                        ChatCompletionsRequests::encode)),
                Arguments.of("Anthropic encode: user messages", canonical(n -> sameRole(n, Role.USER),
                        AnthropicRequests::encode)),
                Arguments.of("Codex encode: assistant messages", canonical(n -> sameRole(n, Role.ASSISTANT),
                        r -> CodexRequests.encode(r, Optional.empty(), CodexRequests.ORIGIN))),
                Arguments.of("Chat Completions decode: user messages", json(CodecLinearityTest::chatBody,
                        ChatCompletionsRequests::decode)),
                Arguments.of("Responses decode: user items", json(CodecLinearityTest::responsesBody,
                        ResponsesRequests::decode)),
                Arguments.of("Responses decode: web search after functions", json(CodecLinearityTest::responsesTools,
                        ResponsesRequests::decode)),
                Arguments.of("Anthropic decode: user messages", json(CodecLinearityTest::anthropicBody,
                        AnthropicRequests::decode)),
                Arguments.of("GenAI decode: user contents", json(CodecLinearityTest::genAiBody, CodecLinearityTest::genAiDecode)),
                Arguments.of("GenAI decode: calls answered by id", json(n -> genAiCalls(n, true), CodecLinearityTest::genAiDecode)),
                Arguments.of("GenAI decode: calls answered by name", json(n -> genAiCalls(n, false), CodecLinearityTest::genAiDecode)),
                Arguments.of("GenAI decode: search after functions", json(CodecLinearityTest::genAiTools,
                        CodecLinearityTest::genAiDecode)),
                Arguments.of("Gemini stream fold: text chunks", (IntFunction<Runnable>) n -> {
                    List<JsonNode> chunks = textChunks(n);
                    return () -> GeminiChunks.merge(chunks);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("work")
    void codecWorkGrowsLinearlyWithTheRequest(String name, IntFunction<Runnable> work) {
        assumeTrue(CpuGrowth.supported(), "this JVM cannot measure a thread's CPU time");
        CpuGrowth.Growth growth = CpuGrowth.measure(work, SMALL, LARGE);
        System.out.println(name + ": " + growth);
        assertThat(growth.ratio()).as("%s: CPU time for %s", name, growth).isLessThan(CpuGrowth.LINEAR_BOUND);
    }

    private static IntFunction<Runnable> canonical(IntFunction<ChatRequest> input, Function<ChatRequest, ?> codec) {
        return n -> {
            ChatRequest request = input.apply(n);
            return () -> codec.apply(request);
        };
    }

    private static IntFunction<Runnable> json(IntFunction<JsonNode> input, Function<JsonNode, ?> codec) {
        return n -> {
            JsonNode body = input.apply(n);
            return () -> codec.apply(body);
        };
    }

    private static ChatRequest sameRole(int n, Role role) {
        List<Message> messages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            messages.add(new Message(role, List.of(new Part.Text("message " + i))));
        }
        return ChatRequest.of("m", messages);
    }

    /** A call, then its result and a reminder text in each of n user messages (as Claude Code sends them). */
    private static ChatRequest resultsWithText(int n) {
        List<Message> messages = new ArrayList<>(n + 1);
        List<Part> calls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            calls.add(new Part.ToolCall("c" + i, "f", "{}", Optional.empty()));
        }
        messages.add(new Message(Role.ASSISTANT, calls));
        for (int i = 0; i < n; i++) {
            messages.add(new Message(Role.USER, List.of(new Part.ToolResult("c" + i, "f", List.of(new Part.Text("ok")), false),
                    new Part.Text("note " + i))));
        }
        return ChatRequest.of("m", messages);
    }

    private static ChatRequest withTool(ObjectNode parameters) {
        ChatRequest base = ChatRequest.of("m", List.of(Message.user("hi")));
        return new ChatRequest(base.model(), base.system(), base.messages(),
                List.of(new Tool.Function("f", Optional.empty(), parameters, false)), base.toolChoice(),
                base.parallelToolCalls(), base.generation(), base.responseFormat(), base.reasoning(), false, false, base.metadata());
    }

    private static ChatRequest anyOfSchema(int n) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        ArrayNode branches = schema.putObject("properties").putObject("x").putArray("anyOf");
        for (int i = 0; i < n; i++) {
            branches.addObject().put("type", "string").put("description", "branch " + i);
        }
        return withTool(schema);
    }

    private static ChatRequest allOfSchema(int n) {
        ObjectNode schema = JSON.objectNode();
        ArrayNode branches = schema.putArray("allOf");
        for (int i = 0; i < n; i++) {
            ObjectNode branch = branches.addObject().put("description", "part " + i);
            branch.putObject("properties").putObject("p" + i).put("type", "string");
            branch.putArray("required").add("p" + i);
        }
        return withTool(schema);
    }

    private static JsonNode chatBody(int n) {
        ObjectNode body = JSON.objectNode().put("model", "m");
        ArrayNode messages = body.putArray("messages");
        for (int i = 0; i < n; i++) {
            messages.addObject().put("role", "user").put("content", "message " + i);
        }
        return body;
    }

    private static JsonNode responsesBody(int n) {
        ObjectNode body = JSON.objectNode().put("model", "m");
        ArrayNode input = body.putArray("input");
        for (int i = 0; i < n; i++) {
            input.addObject().put("type", "message").put("role", "user").put("content", "message " + i);
        }
        return body;
    }

    /** n functions, then the web search tool n times (clients repeat it; it is declared once). */
    private static JsonNode responsesTools(int n) {
        ObjectNode body = JSON.objectNode().put("model", "m").put("input", "hi");
        ArrayNode tools = body.putArray("tools");
        for (int i = 0; i < n; i++) {
            tools.addObject().put("type", "function").put("name", "f" + i);
        }
        for (int i = 0; i < n; i++) {
            tools.addObject().put("type", "web_search");
        }
        return body;
    }

    private static JsonNode anthropicBody(int n) {
        ObjectNode body = JSON.objectNode().put("model", "m").put("max_tokens", 10);
        ArrayNode messages = body.putArray("messages");
        for (int i = 0; i < n; i++) {
            messages.addObject().put("role", "user").put("content", "message " + i);
        }
        return body;
    }

    private static JsonNode genAiBody(int n) {
        ObjectNode body = JSON.objectNode();
        ArrayNode contents = body.putArray("contents");
        for (int i = 0; i < n; i++) {
            contents.addObject().put("role", "user").putArray("parts").addObject().put("text", "message " + i);
        }
        return body;
    }

    /** n parallel calls of one function, all answered in the next content, with or without call ids. */
    private static JsonNode genAiCalls(int n, boolean ids) {
        ObjectNode body = JSON.objectNode();
        ArrayNode contents = body.putArray("contents");
        contents.addObject().put("role", "user").putArray("parts").addObject().put("text", "go");
        ArrayNode calls = contents.addObject().put("role", "model").putArray("parts");
        ArrayNode answers = contents.addObject().put("role", "user").putArray("parts");
        for (int i = 0; i < n; i++) {
            ObjectNode call = calls.addObject().putObject("functionCall").put("name", "f");
            call.putObject("args");
            ObjectNode answer = answers.addObject().putObject("functionResponse").put("name", "f");
            answer.putObject("response").put("output", "ok");
            if (ids) {
                call.put("id", "c" + i);
                answer.put("id", "c" + i);
            }
        }
        return body;
    }

    /** One tool of n functions with Google Search, then n more tools that ask for Google Search again. */
    private static JsonNode genAiTools(int n) {
        ObjectNode body = (ObjectNode) genAiBody(1);
        ArrayNode tools = body.putArray("tools");
        ObjectNode first = tools.addObject();
        first.putObject("googleSearch");
        ArrayNode declarations = first.putArray("functionDeclarations");
        for (int i = 0; i < n; i++) {
            declarations.addObject().put("name", "f" + i);
        }
        for (int i = 0; i < n; i++) {
            tools.addObject().putObject("googleSearch");
        }
        return body;
    }

    private static ChatRequest genAiDecode(JsonNode body) {
        return GeminiRequests.decode(body, "gemini-2.5-flash", false);
    }

    private static List<JsonNode> textChunks(int n) {
        List<JsonNode> chunks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ObjectNode chunk = JSON.objectNode();
            chunk.putArray("candidates").addObject().putObject("content").put("role", "model").putArray("parts").addObject()
                    .put("text", "A streamed answer arrives in chunks of a sentence or so, and this is chunk " + i + ". ");
            chunks.add(chunk);
        }
        return chunks;
    }
}
