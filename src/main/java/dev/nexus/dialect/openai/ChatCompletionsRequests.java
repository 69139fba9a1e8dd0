package dev.nexus.dialect.openai;

import dev.nexus.dialect.Field;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.dialect.DialectException;

/**
 * Chat Completions request bodies ⇄ {@link ChatRequest}, both directions, no I/O.
 *
 * <p>{@link #decode} maps every request field a client can send (OpenAI SDK 6.x) or ignores it on purpose. A value of
 * the wrong type is never a crash: it is a {@link DialectException} naming the field path, the problem and the fix.
 * Fields decoded on purpose as something weaker than asked:
 * <ul>
 *   <li>{@code tool_choice: {"type": "allowed_tools"}} becomes auto: every declared tool stays callable;</li>
 *   <li>{@code n: 1} is the default and is dropped; {@code n > 1} is refused (send separate requests);</li>
 *   <li>system and developer messages become the system instructions wherever they stand in the conversation.</li>
 * </ul>
 *
 * <p>Ignored fields, and why:
 * <table>
 *   <caption>Request fields decode ignores</caption>
 *   <tr><th>Field</th><th>Why it is ignored</th></tr>
 *   <tr><td>{@code logit_bias}</td><td>token ids are model-specific; no non-OpenAI upstream shares them</td></tr>
 *   <tr><td>{@code logprobs}, {@code top_logprobs}</td><td>no routed upstream returns them; answers carry
 *       {@code "logprobs": null}</td></tr>
 *   <tr><td>{@code verbosity}</td><td>a GPT-5 hint with no equivalent elsewhere</td></tr>
 *   <tr><td>{@code service_tier}, {@code store}, {@code prediction}</td><td>OpenAI account features: tiers, stored
 *       completions and predicted outputs have no meaning behind the gateway</td></tr>
 *   <tr><td>{@code safety_identifier}, {@code prompt_cache_key}</td><td>OpenAI abuse and cache routing hints; the
 *       gateway keeps sessions sticky from {@code user} and {@code metadata}</td></tr>
 *   <tr><td>{@code modalities}, {@code audio}</td><td>answers are text only; audio output is not produced</td></tr>
 *   <tr><td>{@code stream_options.include_obfuscation}</td><td>the gateway's chunks carry no obfuscation padding</td></tr>
 *   <tr><td>{@code name} on user, system and assistant messages</td><td>participant names have no canonical slot</td></tr>
 *   <tr><td>{@code image_url.detail}</td><td>a resolution hint upstreams other than OpenAI do not take</td></tr>
 *   <tr><td>{@code audio} on assistant messages</td><td>references to earlier audio answers, which are never produced</td></tr>
 *   <tr><td>any other field</td><td>unknown fields are ignored, as OpenAI-compatible servers commonly do</td></tr>
 * </table>
 */
public final class ChatCompletionsRequests {
    private ChatCompletionsRequests() {}

    /** Decodes a client's request body; throws {@link DialectException} (400) on anything it cannot map. */
    public static ChatRequest decode(JsonNode body) {
        Field root = Field.root(body);
        if (!root.node().isObject()) {
            throw new DialectException(400, "the request body must be a JSON object; got " + Field.describe(root.node()), null);
        }
        String model = root.get("model").modelName("gemini-2.5-flash");
        MessageDecoder.Decoded conversation = MessageDecoder.decode(root.get("messages"));
        Field streamOptions = root.get("stream_options");
        boolean includeUsage = streamOptions.present()
                && streamOptions.object("").get("include_usage").optBool().orElse(false);
        return new ChatRequest(model, conversation.system(), conversation.messages(), ToolDecoder.tools(root),
                ToolDecoder.choice(root), root.get("parallel_tool_calls").optBool(), OptionsDecoder.generation(root),
                OptionsDecoder.responseFormat(root), OptionsDecoder.reasoning(root),
                root.get("stream").optBool().orElse(false), includeUsage, OptionsDecoder.metadata(root));
    }

    /** Encodes a canonical request for an OpenAI-compatible upstream; see {@link RequestEncoder} for what is dropped. */
    public static ObjectNode encode(ChatRequest request) {
        return RequestEncoder.encode(request);
    }
}
