package dev.nexus.account.oauth;

import dev.nexus.secret.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth client profiles this process knows: the built-in {@code antigravity} and {@code gemini-cli} installed-app
 * clients (public values from their tools' own source code), and {@code custom} when GOOGLE_CLIENT_ID is set. New logins
 * use {@code custom} when it is defined (as the Go original, which read GOOGLE_CLIENT_ID), else {@code antigravity}:
 * Cloud Code accepts tokens only from clients Google allowlists, so a home-made client rarely works.
 */
public final class OAuthClients {
    public static final String ANTIGRAVITY = "antigravity";
    public static final String GEMINI_CLI = "gemini-cli";
    public static final String CUSTOM = "custom";
    /** Every profile name, defined or not, in the order help texts list them. */
    public static final List<String> NAMES = List.of(ANTIGRAVITY, GEMINI_CLI, CUSTOM);

    private static final String SCOPE = "https://www.googleapis.com/auth/";
    private static final List<String> GEMINI_CLI_SCOPES =
            List.of(SCOPE + "cloud-platform", SCOPE + "userinfo.email", SCOPE + "userinfo.profile");
    /** Antigravity's scopes: Gemini CLI's plus its two telemetry scopes (seed-behaviour §3.2). */
    private static final List<String> ANTIGRAVITY_SCOPES = List.of(SCOPE + "cloud-platform", SCOPE + "userinfo.email",
            SCOPE + "userinfo.profile", SCOPE + "cclog", SCOPE + "experimentsandconfigs");

    /** The Antigravity IDE's installed-app client, as the Go original ships it. */
    static final OAuthClientProfile ANTIGRAVITY_CLIENT = new OAuthClientProfile(ANTIGRAVITY,
            "1071006060591-tmhssin2h21lcre235vtolojh4g403ep.apps.googleusercontent.com",
            Optional.of(Secret.of("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")), ANTIGRAVITY_SCOPES);
    /** Gemini CLI's installed-app client (Apache-2.0 @google/gemini-cli-core). */
    static final OAuthClientProfile GEMINI_CLI_CLIENT = new OAuthClientProfile(GEMINI_CLI,
            "681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com",
            Optional.of(Secret.of("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")), GEMINI_CLI_SCOPES);

    /** Said once at the first login (CLI) and in the dashboard's login dialog; docs/accounts.md says the same. */
    public static final String TERMS_NOTICE = "Nexus logs in with a public installed-app OAuth client: Antigravity's"
            + " (default) or Gemini CLI's (--client gemini-cli), whose ids are public in those tools' own source code."
            + " Google's terms for Antigravity and Gemini CLI limit their OAuth to their own tools, and Google has"
            + " suspended accounts used through proxies. The compliant path is an API key: Nexus's Gemini API and"
            + " Vertex AI key proxies (see docs/routing.md).";

    private final Map<String, OAuthClientProfile> defined = new LinkedHashMap<>();

    /**
     * @param customId GOOGLE_CLIENT_ID (empty when unset or blank)
     * @param customSecret GOOGLE_CLIENT_SECRET; a custom client may have none
     */
    public OAuthClients(Optional<String> customId, Optional<String> customSecret) {
        defined.put(ANTIGRAVITY, ANTIGRAVITY_CLIENT);
        defined.put(GEMINI_CLI, GEMINI_CLI_CLIENT);
        // The custom client asks for Antigravity's scopes, as the Go original's GOOGLE_CLIENT_ID did.
        customId.ifPresent(id -> defined.put(CUSTOM, new OAuthClientProfile(CUSTOM, id, customSecret.map(Secret::of),
                ANTIGRAVITY_SCOPES)));
    }

    /** The profile new logins and refresh-token imports use when none is named: custom when defined, else antigravity. */
    public OAuthClientProfile defaultProfile() {
        return defined.getOrDefault(CUSTOM, ANTIGRAVITY_CLIENT);
    }

    /** The profile with this name, or the default one when no name is given. */
    public OAuthClientProfile chosen(Optional<String> name) throws UnknownProfile {
        return name.isEmpty() ? defaultProfile() : named(name.get());
    }

    /**
     * The profile with this name.
     *
     * @throws UnknownProfile for a name that is no profile, or {@code custom} without GOOGLE_CLIENT_ID; the message is
     *     one line naming the profiles
     */
    public OAuthClientProfile named(String name) throws UnknownProfile {
        OAuthClientProfile profile = defined.get(name);
        if (profile != null) {
            return profile;
        }
        if (name.equals(CUSTOM)) {
            throw new UnknownProfile("the custom OAuth client is not defined: set GOOGLE_CLIENT_ID (and GOOGLE_CLIENT_SECRET),"
                    + " or use --client " + ANTIGRAVITY + " or --client " + GEMINI_CLI);
        }
        throw new UnknownProfile("unknown OAuth client \"" + name + "\": use one of " + String.join(", ", NAMES)
                + " (custom needs GOOGLE_CLIENT_ID)");
    }

    /** A profile name that names no usable client. */
    public static final class UnknownProfile extends Exception {
        public UnknownProfile(String message) {
            super(message, null, false, false);
        }
    }
}
