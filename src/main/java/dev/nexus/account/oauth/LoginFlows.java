package dev.nexus.account.oauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The login attempts of this process that wait for their callback, keyed by their own random {@code state}
 * (32 bytes; never one value for the process). A state can be claimed once; an attempt older than its lifetime
 * is refused, and is settled as expired when the lifetime runs out even if no callback ever comes.
 * Thread-safe: claiming removes the attempt atomically, so two callbacks with one state cannot both proceed.
 */
public final class LoginFlows {
    /** How long a login may take from consent URL to callback. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    /** More pending attempts than this means something is looping; refuse rather than hold ports and memory. */
    static final int MAX_PENDING = 16;
    private static final int STATE_BYTES = 32;

    private final Clock clock;
    private final SecureRandom random;
    private final Duration lifetime;
    private final Map<String, LoginFlow> pending = new ConcurrentHashMap<>();

    public LoginFlows(Clock clock, SecureRandom random, Duration lifetime) {
        this.clock = clock;
        this.random = random;
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** Registers a new attempt for this OAuth client whose browser will come back to {@code redirectUri}. */
    public LoginFlow start(URI redirectUri, OAuthClientProfile client) throws LoginException {
        expireOverdue();
        if (pending.size() >= MAX_PENDING) {
            throw new LoginException(LoginException.Reason.UNAVAILABLE, MAX_PENDING + " logins are already waiting for"
                    + " their browser; finish one or wait until they expire (after " + describe(lifetime) + ")");
        }
        Instant now = clock.instant();
        LoginFlow flow = new LoginFlow(Base64Url.random(random, STATE_BYTES), Pkce.create(random), redirectUri, client, now,
                now.plus(lifetime));
        pending.put(flow.state(), flow);
        // On a virtual thread of its own: ending an attempt closes its listener, which may block briefly.
        CompletableFuture.delayedExecutor(lifetime.toMillis(), TimeUnit.MILLISECONDS, task -> Thread.ofVirtual().start(task))
                .execute(() -> abandon(flow, expired()));
        return flow;
    }

    /**
     * Takes the attempt with this state out of the table; the caller must settle it.
     *
     * @throws LoginException {@code UNKNOWN_STATE} when no attempt waits with this state, {@code EXPIRED} when it
     *     is past its lifetime (it is settled as expired then)
     */
    public LoginFlow claim(String state) throws LoginException {
        LoginFlow flow = state == null ? null : pending.remove(state);
        if (flow == null) {
            throw unknown();
        }
        if (!clock.instant().isBefore(flow.expiresAt())) {
            LoginException expired = expired();
            flow.fail(expired);
            throw expired;
        }
        return flow;
    }

    /**
     * As {@link #claim(String)}, but only for this one attempt: any other state is unknown here, even if another
     * attempt waits with it (a callback listener serves exactly its own attempt).
     */
    public LoginFlow claim(String state, LoginFlow expected) throws LoginException {
        if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.US_ASCII),
                expected.state().getBytes(StandardCharsets.US_ASCII))) {
            throw unknown();
        }
        return claim(state);
    }

    /** Ends the attempt with this failure if it still waits (expiry, a listener that closed). */
    public void abandon(LoginFlow flow, LoginException why) {
        if (pending.remove(flow.state(), flow)) {
            flow.fail(why);
        }
    }

    /** How many attempts wait for their callback. */
    public int pending() {
        return pending.size();
    }

    private void expireOverdue() {
        Instant now = clock.instant();
        pending.values().stream().filter(f -> !now.isBefore(f.expiresAt())).toList().forEach(f -> abandon(f, expired()));
    }

    private LoginException expired() {
        return new LoginException(LoginException.Reason.EXPIRED, "this login was started more than "
                + describe(lifetime) + " ago and has expired: start a new one (dashboard, or nexus accounts login)");
    }

    /** {@code 5 minutes}, or seconds below a minute. */
    static String describe(Duration duration) {
        return duration.toMinutes() > 0 ? duration.toMinutes() + " minutes" : duration.toSeconds() + " seconds";
    }

    private static LoginException unknown() {
        return new LoginException(LoginException.Reason.UNKNOWN_STATE, "this redirect belongs to no login waiting here:"
                + " it was already used, has expired, or was started by another Nexus process; start a new login"
                + " (dashboard, or nexus accounts login)");
    }
}
