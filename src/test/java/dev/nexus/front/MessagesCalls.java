package dev.nexus.front;

import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;

/** Raw Anthropic Messages calls for tests that need what the SDK will not send (server tools) or the raw answer. */
final class MessagesCalls {
    private MessagesCalls() {}

    /** {@code POST /v1/messages} as an Anthropic client sends it. */
    static HttpResponse<String> post(NexusHarness nexus, String clientKey, String body) {
        return nexus.post("/v1/messages", body, "x-api-key", clientKey, "anthropic-version", "2023-06-01");
    }

    /** A request offering Anthropic's bash server tool, which only Anthropic can run. */
    static String withBashTool(boolean stream) {
        return "{\"stream\":" + stream + ",\"model\":\"claude-sonnet-4-5\",\"max_tokens\":300,"
                + "\"tools\":[{\"type\":\"bash_20250124\",\"name\":\"bash\"}],\"messages\":[{\"role\":\"user\",\"content\":\"ls\"}]}";
    }
}
