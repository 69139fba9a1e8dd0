package dev.nexus.dialect.openai;

import dev.nexus.dialect.Field;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Generation;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Reasoning;
import dev.nexus.chat.ResponseFormat;
import dev.nexus.chat.Role;
import dev.nexus.chat.Tool;
import dev.nexus.chat.ToolChoice;
import dev.nexus.dialect.DialectException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Responses API request bodies ({@code POST /v1/responses}) → {@link ChatRequest}, no I/O.
 *
 * <p>{@link #decode} maps {@code model}, {@code instructions} (system), {@code input} (a string, or items:
 * {@code message}, {@code function_call}, {@code function_call_output}, {@code reasoning}), {@code tools} (flat
 * functions and web search), {@code tool_choice}, {@code parallel_tool_calls}, {@code max_output_tokens},
 * {@code temperature}, {@code top_p}, {@code reasoning}, {@code text.format}, {@code metadata}, {@code user} and
 * {@code stream}. A value of the wrong type is a {@link DialectException} naming the field path, never a crash.
 * Decoded on purpose as something weaker than asked, or shaped to fit the canonical model:
 * <ul>
 *   <li>system and developer message items become the system instructions, after {@code instructions}, wherever
 *       they stand in {@code input};</li>
 *   <li>consecutive assistant-side items (assistant messages, reasoning, function calls) form one assistant turn,
 *       in item order; consecutive {@code function_call_output} items form one user message of tool results, their
 *       names recovered from the matching {@code function_call};</li>
 *   <li>a {@code reasoning} item becomes one unsigned thinking part per summary text; {@code encrypted_content} is
 *       OpenAI-only ciphertext and is never forwarded to other upstreams, so it is dropped;</li>
 *   <li>{@code reasoning.summary} (any value but null) asks for the thoughts to be returned;</li>
 *   <li>{@code tool_choice: {"type": "allowed_tools"}} becomes auto;</li>
 *   <li>a {@code web_search_call} item (a search the upstream ran, replayed from an earlier answer) is dropped: what
 *       it found is in the answer's text, and no upstream takes a past search back.</li>
 * </ul>
 *
 * <p>Ignored fields, and why:
 * <table>
 *   <caption>Request fields decode ignores</caption>
 *   <tr><th>Field</th><th>Why it is ignored</th></tr>
 *   <tr><td>{@code store}, {@code previous_response_id}, {@code conversation}</td><td>the gateway keeps no
 *       server-side conversation state; clients resend the whole input (as Codex does with {@code store: false})</td></tr>
 *   <tr><td>{@code include}</td><td>asks for extras (encrypted reasoning, logprobs, search sources) upstreams other
 *       than OpenAI do not produce</td></tr>
 *   <tr><td>{@code prompt_cache_key}, {@code prompt_cache_retention}, {@code safety_identifier}</td><td>OpenAI cache
 *       routing and abuse hints; sessions stay sticky from {@code user} and {@code metadata}</td></tr>
 *   <tr><td>{@code service_tier}, {@code background}, {@code truncation}, {@code context_management}</td><td>OpenAI
 *       account and server features with no meaning behind the gateway</td></tr>
 *   <tr><td>{@code user}</td><td>not ignored: it becomes metadata under the key "user"</td></tr>
 *   <tr><td>{@code text.verbosity}, {@code top_logprobs}, {@code stream_options}</td><td>GPT-5 hints and options
 *       no routed upstream honours; usage is always sent in the terminal event</td></tr>
 *   <tr><td>{@code detail} on images, {@code annotations} and {@code logprobs} on output text, {@code id} and
 *       {@code status} on items</td><td>hints and bookkeeping with no canonical slot</td></tr>
 *   <tr><td>any other field</td><td>unknown fields are ignored, as OpenAI-compatible servers commonly do</td></tr>
 * </table>
 */
public final class ResponsesRequests {
    private ResponsesRequests() {}

    /** Decodes a client's request body; throws {@link DialectException} (400) on anything it cannot map. */
    public static ChatRequest decode(JsonNode body) {
        Field root = Field.root(body);
        if (!root.node().isObject()) {
            throw new DialectException(400, "the request body must be a JSON object; got " + Field.describe(root.node()), null);
        }
        String model = root.get("model").modelName("gpt-5");
        Input input = new Input();
        root.get("instructions").optString().filter(s -> !s.isEmpty()).ifPresent(s -> input.system.add(new Part.Text(s)));
        input.decode(root.get("input"));
        return new ChatRequest(model, input.system, input.messages, tools(root), choice(root.get("tool_choice")),
                root.get("parallel_tool_calls").optBool(), generation(root), format(root), reasoning(root),
                root.get("stream").optBool().orElse(false), false, OptionsDecoder.metadata(root));
    }

    /** Walks {@code input} once, in order, grouping items into turns. */
    private static final class Input {
        final List<Part> system = new ArrayList<>();
        final List<Message> messages = new ArrayList<>();
        private final List<Part> assistant = new ArrayList<>();
        private final List<Part> results = new ArrayList<>();
        private final Map<String, String> callNames = new HashMap<>();

        void decode(Field input) {
            if (!input.present()) {
                throw input.invalid("required; send a string or an array of input items");
            }
            if (input.node().isTextual()) {
                messages.add(Message.user(input.node().textValue()));
                return;
            }
            if (!input.node().isArray()) {
                throw input.wrongType("a string or an array of input items");
            }
            List<Field> items = input.optItems();
            if (items.isEmpty()) {
                throw input.invalid("is empty; send at least one input item");
            }
            for (Field item : items) {
                add(item.object("send an item such as {\"type\": \"message\", \"role\": \"user\", \"content\": ...}"));
            }
            flush();
        }

        private void add(Field item) {
            String type = item.get("type").optString().orElse("message");
            switch (type) {
                case "message" -> message(item);
                case "function_call" -> {
                    flushResults();
                    assistant.add(call(item));
                }
                case "function_call_output" -> {
                    flushAssistant();
                    results.add(result(item));
                }
                case "reasoning" -> {
                    flushResults();
                    reasoning(item);
                }
                case "web_search_call" -> { }
                default -> throw item.get("type").invalid("unsupported input item type \"" + type
                        + "\"; use message, function_call, function_call_output or reasoning");
            }
        }

        private void message(Field item) {
            String role = item.get("role").string("set it to user, assistant, system or developer");
            Field content = item.get("content");
            switch (role) {
                case "assistant" -> {
                    flushResults();
                    assistant.addAll(ResponsesContent.assistant(content));
                }
                case "user" -> {
                    flush();
                    messages.add(new Message(Role.USER, ResponsesContent.user(content)));
                }
                case "system", "developer" -> {
                    flush();
                    system.addAll(ResponsesContent.systemText(content));
                }
                default -> throw item.get("role").invalid(
                        "unknown role \"" + role + "\"; use user, assistant, system or developer");
            }
        }

        private Part.ToolCall call(Field item) {
            String id = item.get("call_id").string("set it to the call id the function_call_output will answer");
            String name = item.get("name").string("set it to the name of the function called");
            Field arguments = item.get("arguments");
            String text = arguments.present() && arguments.node().isObject()
                    ? arguments.node().toString()
                    : arguments.optString().orElse("");
            callNames.put(id, name);
            return new Part.ToolCall(id, name, text.isBlank() ? "{}" : text, Optional.empty());
        }

        private Part result(Field item) {
            Field idField = item.get("call_id");
            String id = idField.string("set it to the call_id of the function_call this answers");
            String name = callNames.get(id);
            if (name == null) {
                throw idField.invalid("no earlier function_call has call_id \"" + id
                        + "\"; send the function_call item before its output");
            }
            return new Part.ToolResult(id, name, ResponsesContent.output(item.get("output")), false);
        }

        private void reasoning(Field item) {
            for (Field summary : item.get("summary").optItems()) {
                String text = summary.object("send {\"type\": \"summary_text\", \"text\": ...}").get("text")
                        .string("set it to the summary text");
                if (!text.isEmpty()) {
                    assistant.add(new Part.Thinking(text, Optional.empty(), false));
                }
            }
        }

        private void flush() {
            flushAssistant();
            flushResults();
        }

        private void flushAssistant() {
            if (!assistant.isEmpty()) {
                messages.add(new Message(Role.ASSISTANT, assistant));
                assistant.clear();
            }
        }

        private void flushResults() {
            if (!results.isEmpty()) {
                messages.add(new Message(Role.USER, results));
                results.clear();
            }
        }
    }

    /**
     * Flat function tools and the built-in web search ({@code web_search}, {@code web_search_preview} and their dated
     * variants, declared once however often listed). Other built-ins (Codex's {@code namespace} groups, file search,
     * code interpreter, MCP, custom tools …) are left out: clients such as Codex offer them on every request, and
     * refusing the request would make the client unusable, while leaving them out only means they are not called.
     */
    private static List<Tool> tools(Field body) {
        List<Tool> tools = new ArrayList<>();
        boolean search = false;
        for (Field tool : body.get("tools").optItems()) {
            tool.object("send {\"type\": \"function\", \"name\", \"parameters\"}");
            String type = tool.get("type").string("set it to \"function\" or \"web_search\"");
            if (type.equals("function")) {
                tools.add(function(tool));
            } else if (type.startsWith("web_search") && !search) {
                tools.add(new Tool.WebSearch());
                search = true;
            }
        }
        return tools;
    }

    private static Tool.Function function(Field tool) {
        String name = tool.get("name").string("set it to the function's name");
        Field parameters = tool.get("parameters");
        JsonNode schema;
        if (parameters.present()) {
            schema = parameters.object("send a JSON Schema object").node().deepCopy();
        } else {
            ObjectNode empty = JsonNodeFactory.instance.objectNode().put("type", "object");
            empty.putObject("properties");
            schema = empty;
        }
        return new Tool.Function(name, tool.get("description").optString(), schema,
                tool.get("strict").optBool().orElse(false));
    }

    private static ToolChoice choice(Field choice) {
        if (!choice.present()) {
            return ToolChoice.AUTO;
        }
        if (choice.node().isTextual()) {
            return switch (choice.node().textValue()) {
                case "none" -> ToolChoice.NONE;
                case "auto" -> ToolChoice.AUTO;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw choice.invalid("unknown value \"" + choice.node().textValue()
                        + "\"; use none, auto, required or {\"type\": \"function\", \"name\": ...}");
            };
        }
        choice.object("");
        String type = choice.get("type").string("set it to \"function\"");
        return switch (type) {
            case "function" -> new ToolChoice.Named(choice.get("name").string("set it to the function to call"));
            case "allowed_tools" -> ToolChoice.AUTO;
            default -> throw choice.get("type").invalid("unsupported tool_choice type \"" + type + "\"; use \"function\"");
        };
    }

    private static Generation generation(Field body) {
        Field max = body.get("max_output_tokens");
        Optional<Integer> maxTokens = max.optInt();
        if (maxTokens.isPresent() && maxTokens.get() < 1) {
            throw max.invalid("got " + maxTokens.get() + "; send a positive number of tokens or leave it out");
        }
        return new Generation(body.get("temperature").optNumber(), body.get("top_p").optNumber(), Optional.empty(),
                maxTokens, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** {@code text.format}: text, json_object or json_schema with its fields flat ({@code name, schema, strict}). */
    private static ResponseFormat format(Field body) {
        Field text = body.get("text");
        if (!text.present()) {
            return ResponseFormat.TEXT;
        }
        Field format = text.object("").get("format");
        if (!format.present()) {
            return ResponseFormat.TEXT;
        }
        format.object("send {\"type\": \"text\" | \"json_object\" | \"json_schema\"}");
        String type = format.get("type").string("set it to text, json_object or json_schema");
        return switch (type) {
            case "text" -> ResponseFormat.TEXT;
            case "json_object" -> new ResponseFormat.JsonObject();
            case "json_schema" -> {
                String name = format.get("name").string("set it to a name for the schema, e.g. \"answer\"");
                Field schema = format.get("schema");
                yield new ResponseFormat.JsonSchema(name, format.get("description").optString(),
                        schema.present() ? schema.object("").node().deepCopy() : JsonNodeFactory.instance.objectNode(),
                        format.get("strict").optBool().orElse(false));
            }
            default -> throw format.get("type").invalid("unknown type \"" + type + "\"; use text, json_object or json_schema");
        };
    }

    /** {@code reasoning.effort} ("none" turns thinking off) and {@code reasoning.summary} (return the thoughts). */
    private static Reasoning reasoning(Field body) {
        Field reasoning = body.get("reasoning");
        if (!reasoning.present()) {
            return Reasoning.UNSPECIFIED;
        }
        reasoning.object("");
        Field field = reasoning.get("effort");
        Optional<Reasoning.Effort> effort = field.optString().map(value -> switch (value) {
            case "none" -> Reasoning.Effort.NONE;
            case "minimal" -> Reasoning.Effort.MINIMAL;
            case "low" -> Reasoning.Effort.LOW;
            case "medium" -> Reasoning.Effort.MEDIUM;
            case "high" -> Reasoning.Effort.HIGH;
            case "xhigh" -> Reasoning.Effort.XHIGH;
            default -> throw field.invalid("unknown effort \"" + value + "\"; use none, minimal, low, medium, high or xhigh");
        });
        Optional<Boolean> summary = reasoning.get("summary").optString().map(s -> true);
        return new Reasoning(effort.map(e -> e != Reasoning.Effort.NONE), effort, Optional.empty(), summary);
    }
}
