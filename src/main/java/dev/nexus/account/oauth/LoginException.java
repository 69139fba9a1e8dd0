package dev.nexus.account.oauth;

/**
 * A login could not start or finish. The message says what happened and what to do; it never contains a code,
 * token or state. {@link #reason()} sorts it for pages and HTTP statuses.
 */
public final class LoginException extends Exception {

    /** Why a login failed, with the HTTP status and the headline a page shows for it. */
    public enum Reason {
        /** The login named an OAuth client that is not defined (an unknown name, or custom without GOOGLE_CLIENT_ID). */
        NOT_CONFIGURED(400, "No such OAuth client"),
        /** Too many attempts pending, or no port for the callback listener. */
        UNAVAILABLE(503, "Cannot start a login right now"),
        /** The callback or pasted text is not a login redirect (no state, no code). */
        MALFORMED(400, "That is not a login redirect"),
        /** No pending attempt has this state: never started here, already used, or thrown away. */
        UNKNOWN_STATE(400, "Unknown or finished login"),
        /** The attempt is older than its lifetime (5 minutes). */
        EXPIRED(400, "The login expired"),
        /** The user did not grant access on Google's consent page. */
        DENIED(400, "Access was not granted"),
        /** Google refused the code, or userinfo or Cloud Code failed. */
        GOOGLE_FAILED(502, "Google did not complete the login"),
        /** OpenAI refused the code, or its tokens did not name a ChatGPT account (a ChatGPT login). */
        OPENAI_FAILED(502, "OpenAI did not complete the login"),
        /** Everything at Google worked, but Nexus could not store the account. */
        FAILED(500, "The account could not be saved");

        private final int status;
        private final String title;

        Reason(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }

    private final Reason reason;

    public LoginException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public LoginException(Reason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
