package dev.nexus.dialect.anthropic;

import dev.nexus.dialect.Field;
import dev.nexus.dialect.ThinkingReplay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.dialect.DialectException;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic Messages request bodies ⇄ {@link ChatRequest}, both directions, no I/O.
 *
 * <p>{@link #decode} maps what Anthropic clients send — Claude Code included: system blocks with
 * {@code cache_control}, adaptive thinking with {@code output_config.effort}, {@code metadata.user_id} as a JSON
 * string, mid-conversation {@code role: "system"} messages, dozens of tools. A value of the wrong type is never a
 * crash: it is a 400 {@link DialectException} whose message starts with the field path the way Anthropic writes it
 * ({@code messages.1.content.0.source: ...}) and says what to send instead.
 *
 * <p>Mapping, field by field:
 * <ul>
 *   <li>{@code system} (string or text blocks) → system parts; a {@code role: "system"} message anywhere in
 *       {@code messages} is appended to them, in order;</li>
 *   <li>content blocks: text; image (base64 → inline media of its {@code media_type}, url → media by URL);
 *       document (base64 → inline media, a PDF unless typed otherwise; text → text; url → PDF by URL; content →
 *       its blocks; {@code title} → file name); search_result → one text; tool_use → a tool call (input as JSON
 *       text); tool_result → a tool result named after the earlier tool_use with its id (content string or
 *       blocks, images included; {@code is_error}), ahead of any other blocks of its message; thinking and
 *       redacted_thinking → thinking whose signature origin is read from Nexus's envelope
 *       ({@link SignatureEnvelope}: {@code nx1.<origin>.<value>}; unwrapped signatures are Anthropic's);</li>
 *   <li>{@code tools}: client tools → functions (schema as sent; the Gemini encoder cleans it); {@code web_search_*}
 *       → web search; other server tools are dropped and named in {@link Decoded#notes()};</li>
 *   <li>{@code tool_choice} auto/any/tool/none → auto/required/named/none; {@code disable_parallel_tool_use: true}
 *       → at most one call per turn;</li>
 *   <li>{@code thinking}: enabled → budget; adaptive → on, with {@code output_config.effort} as the effort
 *       (low/medium/high; xhigh and max are the highest); disabled → off;</li>
 *   <li>{@code max_tokens} (required), {@code temperature}, {@code top_p}, {@code top_k}, {@code stop_sequences},
 *       {@code stream}; {@code output_config.format} / {@code output_format} json_schema → a strict JSON Schema
 *       answer format;</li>
 *   <li>{@code metadata.user_id} → metadata "user_id", and its {@code session_id} → metadata "session_id" when
 *       the value is a JSON object in a string (Claude Code).</li>
 * </ul>
 *
 * <p>Tolerated and ignored, and why:
 * <table>
 *   <caption>Request fields decode ignores</caption>
 *   <tr><th>Field</th><th>Why it is ignored</th></tr>
 *   <tr><td>{@code cache_control} (top level, on blocks and tools)</td><td>prompt caching is the upstream's business;
 *       Gemini caches implicitly</td></tr>
 *   <tr><td>{@code context_management}</td><td>server-side context editing (clearing old thinking or tool results)
 *       has no upstream equivalent; the client still sends the full history</td></tr>
 *   <tr><td>{@code output_config} other than {@code effort} and {@code format}</td><td>no canonical slot</td></tr>
 *   <tr><td>{@code service_tier}, {@code speed}, {@code inference_geo}</td><td>Anthropic account and capacity
 *       options</td></tr>
 *   <tr><td>{@code container}, {@code mcp_servers}</td><td>Anthropic-hosted execution; the matching server tools are
 *       dropped with a note</td></tr>
 *   <tr><td>{@code thinking.display}, {@code thinking.between_tools}</td><td>presentation hints; thinking is returned
 *       as the upstream gives it</td></tr>
 *   <tr><td>{@code citations} on blocks; tool extras {@code input_examples}, {@code defer_loading},
 *       {@code eager_input_streaming}</td><td>no canonical slot</td></tr>
 *   <tr><td>metadata keys other than {@code user_id}</td><td>Anthropic defines none</td></tr>
 *   <tr><td>any other field</td><td>unknown fields are ignored so new client versions keep working</td></tr>
 * </table>
 * The {@code anthropic-beta} and {@code anthropic-version} headers are the front's concern.
 *
 * <p>{@link #encode} writes a canonical request for an Anthropic upstream; see {@link RequestEncoder} for what it
 * adjusts. Before encoding for any upstream, a front applies {@link ThinkingReplay#safeFor} with that upstream's
 * signature origin.
 */
public final class AnthropicRequests {
    private AnthropicRequests() {}

    /**
     * A decoded request and what the decoder had to leave out, for the route header.
     *
     * @param notes short phrases such as {@code dropped server tool bash_20250124}, each once, in order
     */
    public record Decoded(ChatRequest request, List<String> notes) {
        public Decoded {
            notes = List.copyOf(notes);
        }
    }

    /** Decodes a client's request body; throws {@link DialectException} (400) on anything it cannot map. */
    public static ChatRequest decode(JsonNode body) {
        return decodeWithNotes(body).request();
    }

    /** {@link #decode}, also returning what was dropped (server tools and their blocks). */
    public static Decoded decodeWithNotes(JsonNode body) {
        Field root = Field.rootDotted(body);
        if (!root.node().isObject()) {
            throw new DialectException(400, "the request body must be a JSON object; got " + Field.describe(root.node()), null);
        }
        String model = root.get("model").modelName("claude-sonnet-4-5");
        List<String> notes = new ArrayList<>();
        MessageDecoder.Decoded conversation = MessageDecoder.decode(root, new BlockDecoder(notes));
        ToolDecoder tools = new ToolDecoder(notes);
        ChatRequest request = new ChatRequest(model, conversation.system(), conversation.messages(), tools.tools(root),
                tools.choice(root), ToolDecoder.parallel(root), OptionsDecoder.generation(root),
                OptionsDecoder.responseFormat(root), OptionsDecoder.reasoning(root),
                root.get("stream").optBool().orElse(false), false, OptionsDecoder.metadata(root));
        return new Decoded(request, notes.stream().distinct().toList());
    }

    /** Encodes a canonical request for an Anthropic upstream. */
    public static ObjectNode encode(ChatRequest request) {
        return RequestEncoder.encode(request);
    }
}
