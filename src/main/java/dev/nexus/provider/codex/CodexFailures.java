package dev.nexus.provider.codex;

import dev.nexus.account.AccountState;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.openai.CodexError;
import dev.nexus.dialect.openai.CodexErrors;
import dev.nexus.provider.GoogleRetryHints;
import dev.nexus.provider.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A Codex backend failure → the {@link Outcome} the gateway acts on:
 * <ul>
 *   <li>usage and rate limits, and exhausted credits: {@link Outcome.RateLimited} until the reset the backend gave
 *       ({@code resets_in_seconds}, {@code resets_at}, "try again in …", else {@code Retry-After}, else
 *       {@value #DEFAULT_COOLDOWN_SECONDS} s). Codex windows belong to the ChatGPT account, not to a model, so the
 *       cooldown covers every model of the account: another account may serve now, this one not before the reset;</li>
 *   <li>401: {@link Outcome.AuthExpired}, so the token is refreshed once and the call retried;</li>
 *   <li>{@code usage_not_included} (the plan has no Codex): {@link Outcome.AccountUnusable}, since only a person
 *       can change the plan;</li>
 *   <li>invalid requests (400s, context overflow, unverifiable reasoning) and unknown models: {@link Outcome.Fatal},
 *       since any account gives the same answer;</li>
 *   <li>anything else (other 403s, 5xx, overload): {@link Outcome.Retryable}.</li>
 * </ul>
 */
public final class CodexFailures {
    static final long DEFAULT_COOLDOWN_SECONDS = 60;

    private CodexFailures() {}

    /** An HTTP error answer, with its {@code Retry-After} header when it had one. */
    public static Outcome ofHttp(int status, String body, Optional<String> retryAfterHeader, Instant now) {
        return of(CodexErrors.fromHttp(status, body, now), retryAfterHeader, now);
    }

    public static Outcome of(CodexError failure, Optional<String> retryAfterHeader, Instant now) {
        UpstreamError error = failure.error();
        if (failure.code().equals("usage_not_included")) {
            return new Outcome.AccountUnusable(AccountState.SUSPENDED,
                    "the ChatGPT plan of this account does not include Codex", error);
        }
        return switch (error.kind()) {
            case RATE_LIMITED -> {
                Duration wait = error.retryAfter()
                        .or(() -> retryAfterHeader.flatMap(h -> GoogleRetryHints.retryAfter(h, now)))
                        .orElse(Duration.ofSeconds(DEFAULT_COOLDOWN_SECONDS));
                yield new Outcome.RateLimited(now.plus(wait),
                        new UpstreamError(error.status(), error.kind(), error.message(), Optional.of(wait)), true);
            }
            case AUTHENTICATION -> new Outcome.AuthExpired(error);
            case INVALID_REQUEST, NOT_FOUND -> new Outcome.Fatal(error);
            case PERMISSION, OVERLOADED, UPSTREAM, TIMEOUT, INTERNAL -> new Outcome.Retryable(error);
        };
    }
}
