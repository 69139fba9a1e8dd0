package dev.nexus.provider;

/**
 * A provider that can answer a request in Google's wire format as it is (the GenAI surface's pass-through).
 * Like {@link Provider#call}, it classifies failures and never retries on another account.
 */
public interface GeminiRelay {

    /**
     * @param model the target model (the client's model after routing)
     * @return {@link Outcome.Done} once every chunk reached the sink; a failure before the first chunk as a
     *     retryable outcome, after it as {@link Outcome.Broken}
     */
    Outcome relay(GeminiCall call, String model, Credentials credentials, String requestId, GeminiSink sink);
}
