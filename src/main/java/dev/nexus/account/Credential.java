package dev.nexus.account;

/** One thing a provider's requests can be sent with: an OAuth account or a server-side API key. */
public interface Credential {
    /** Stable within the process: cool-downs, stickiness and traces are keyed by it (an account id, {@code key2}). */
    String id();

    /** How traces and logs show it: never in full (a masked email, a key's last characters). */
    String shown();
}
