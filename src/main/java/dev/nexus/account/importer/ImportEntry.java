package dev.nexus.account.importer;

import dev.nexus.secret.Secret;
import java.time.Instant;
import java.util.Optional;

/** One thing found in a credential file: an account to import, or a reason it cannot be. */
public sealed interface ImportEntry {

    /** Where the entry came from, as shown to the operator: a file name, with {@code [i]} for an array element. */
    String source();

    /**
     * Credentials for one account. The email may still be unknown (a Gemini CLI file without its account list);
     * {@link GoogleDetails} asks Google for it.
     *
     * @param format what the file was recognised as, e.g. "Gemini CLI credentials"
     * @param provider {@code google} or {@code codex}
     * @param oauthClient for Google, the OAuth client profile the file's tool logs in with ({@code gemini-cli} for
     *     Gemini CLI's file, {@code antigravity} for Antigravity's); empty for Codex
     * @param chatgptAccountId for Codex, the ChatGPT account id the backend expects in {@code ChatGPT-Account-ID}
     */
    record Candidate(
            String source,
            String format,
            String provider,
            Optional<String> email,
            Secret refreshToken,
            Optional<Secret> accessToken,
            Optional<Instant> expiresAt,
            Optional<String> projectId,
            Optional<String> tier,
            Optional<String> oauthClient,
            Optional<String> chatgptAccountId) implements ImportEntry {

        public Candidate withEmail(String value) {
            return new Candidate(source, format, provider, Optional.of(value), refreshToken, accessToken, expiresAt,
                    projectId, tier, oauthClient, chatgptAccountId);
        }

        public Candidate withProject(String value) {
            return new Candidate(source, format, provider, email, refreshToken, accessToken, expiresAt,
                    Optional.of(value), tier, oauthClient, chatgptAccountId);
        }

        public Candidate withOAuthClient(String value) {
            return new Candidate(source, format, provider, email, refreshToken, accessToken, expiresAt, projectId, tier,
                    Optional.of(value), chatgptAccountId);
        }
    }

    /** Something that was looked at and left alone, with the reason (and, where there is one, the fix). */
    record Skipped(String source, String reason) implements ImportEntry {}
}
