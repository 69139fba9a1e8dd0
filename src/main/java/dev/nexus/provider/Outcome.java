package dev.nexus.provider;

import dev.nexus.account.AccountState;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.chat.UpstreamError;
import java.time.Instant;

/**
 * How one provider call ended. Providers classify; the gateway decides what to do (retry, fail over, cool down,
 * give up). Only {@link Done} means events reached the sink up to a {@code Finish}.
 */
public sealed interface Outcome {

    /** The failure to show the client (every outcome but {@link Done} carries one). */
    UpstreamError error();

    /** The answer was delivered to the sink in full. */
    record Done() implements Outcome {
        @Override
        public UpstreamError error() {
            throw new IllegalStateException("a finished call has no error");
        }
    }

    /**
     * The (credential, model) is rate limited until {@code until}; another credential may work now.
     *
     * @param everyModel whether the limit is the credential's own, for all models (Codex usage windows), rather than
     *     the model's on that credential (Google's quotas)
     */
    record RateLimited(Instant until, UpstreamError error, boolean everyModel) implements Outcome {
        /** A limit for the model on this credential. */
        public RateLimited(Instant until, UpstreamError error) {
            this(until, error, false);
        }
    }

    /** The access token was refused (401); a refreshed token may work. */
    record AuthExpired(UpstreamError error) implements Outcome {}

    /** The account itself cannot be used until a person acts (verification, suspension). */
    record AccountUnusable(AccountState state, String reason, UpstreamError error) implements Outcome {}

    /** A transient failure (5xx, transport, overload): the same request may succeed elsewhere or later. */
    record Retryable(UpstreamError error) implements Outcome {}

    /** The request itself is wrong (400, 404 model): retrying anywhere gives the same answer. */
    record Fatal(UpstreamError error) implements Outcome {}

    /** The upstream failed after events reached the sink: the client has partial output. */
    record Broken(UpstreamError error) implements Outcome {}

    Outcome DONE = new Done();

    /**
     * A call that got no answer: cancelled (the caller was interrupted; its interrupt is cleared so the gateway can
     * still answer the client), timed out waiting for headers, or unable to reach the upstream. Each may succeed
     * elsewhere or later.
     *
     * @param unreachable what to say when the upstream could not be reached, naming it and the setting to check
     */
    static Outcome notSent(java.io.IOException e, String unreachable) {
        if (e instanceof java.io.InterruptedIOException) {
            Thread.interrupted();
            return new Retryable(UpstreamError.of(499, UpstreamError.Kind.UPSTREAM, "request cancelled"));
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return new Retryable(UpstreamError.of(504, UpstreamError.Kind.TIMEOUT, e.getMessage()));
        }
        return new Retryable(UpstreamError.of(502, UpstreamError.Kind.UPSTREAM, unreachable));
    }

    /**
     * A credential could not be had (no token, no project): the operator's problem (an account to add, re-login, a
     * header naming no account), never the client's key, so never an authentication error — clients answer those by
     * asking their user to log in again. Another credential may serve.
     */
    static Outcome unavailable(AccountUnavailableException e) {
        UpstreamError.Kind kind = switch (e.status()) {
            case 404 -> UpstreamError.Kind.NOT_FOUND;
            case 429 -> UpstreamError.Kind.RATE_LIMITED;
            default -> e.status() < 500 ? UpstreamError.Kind.INVALID_REQUEST : UpstreamError.Kind.UPSTREAM;
        };
        return new Retryable(UpstreamError.of(e.status(), kind, e.getMessage()));
    }
}
