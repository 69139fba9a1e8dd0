package dev.nexus.dialect.openai;

import dev.nexus.chat.UpstreamError;

/**
 * A failure the Codex backend reported, over HTTP or in its stream.
 *
 * @param code the backend's machine-readable reason ({@code usage_limit_reached}, {@code context_length_exceeded},
 *     {@code usage_not_included}, …; the error's {@code code}, else its {@code type}); empty when it gave none
 * @param error what the client is shown, with the wait until a retry can succeed when the backend said
 */
public record CodexError(String code, UpstreamError error) {

    /** The ChatGPT account's usage window is spent: every model of the account is limited until the reset. */
    public boolean usageLimitReached() {
        return code.equals("usage_limit_reached");
    }
}
