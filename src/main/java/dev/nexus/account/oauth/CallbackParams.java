package dev.nexus.account.oauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What Google's redirect brings back: {@code state} with either {@code code} or {@code error}. Read from the
 * callback's query, or from the final address a person copied out of the browser and pasted.
 */
public record CallbackParams(Optional<String> state, Optional<String> code, Optional<String> error,
        Optional<String> errorDescription) {

    private static final String HOW_TO_PASTE = "paste the whole address the browser ended on after consent"
            + " (it starts with http://localhost:…/oauth-callback?state=…)";

    /** Parses a raw (still percent-encoded) query string; a malformed one is a login failure, not a crash. */
    public static CallbackParams fromQuery(String rawQuery) throws LoginException {
        Map<String, String> fields = new HashMap<>();
        for (String pair : (rawQuery == null ? "" : rawQuery).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw new LoginException(LoginException.Reason.MALFORMED, "the redirect's query is not valid URL encoding: "
                        + HOW_TO_PASTE);
            }
        }
        return new CallbackParams(field(fields, "state"), field(fields, "code"), field(fields, "error"),
                field(fields, "error_description"));
    }

    /**
     * Parses what a person pasted: the full redirect URL, or just its query, with stray blanks, quotes or angle
     * brackets around it tolerated.
     */
    public static CallbackParams fromPastedUrl(String pasted) throws LoginException {
        String text = pasted == null ? "" : pasted.strip();
        while (text.length() >= 2 && "\"'<".indexOf(text.charAt(0)) >= 0 && "\"'>".indexOf(text.charAt(text.length() - 1)) >= 0) {
            text = text.substring(1, text.length() - 1).strip();
        }
        if (text.isEmpty()) {
            throw new LoginException(LoginException.Reason.MALFORMED, "nothing was pasted: " + HOW_TO_PASTE);
        }
        int fragment = text.indexOf('#');
        if (fragment >= 0) {
            text = text.substring(0, fragment);
        }
        int question = text.indexOf('?');
        String query = question >= 0 ? text.substring(question + 1) : text;
        if (question < 0 && !query.contains("=")) {
            throw new LoginException(LoginException.Reason.MALFORMED, "the pasted text has no query (state=…&code=…): "
                    + HOW_TO_PASTE);
        }
        return fromQuery(query);
    }

    /**
     * The state, after checking this is a redirect from Google at all — so that pasting the wrong address (for
     * example the consent URL, which also carries a state) does not use up the login attempt.
     */
    public String requireRedirect() throws LoginException {
        if (state.isEmpty()) {
            throw new LoginException(LoginException.Reason.MALFORMED, "the redirect has no state parameter: " + HOW_TO_PASTE);
        }
        if (code.isEmpty() && error.isEmpty()) {
            throw new LoginException(LoginException.Reason.MALFORMED, "the redirect has neither a code nor an error from"
                    + " Google: " + HOW_TO_PASTE);
        }
        return state.get();
    }

    private static Optional<String> field(Map<String, String> fields, String name) {
        return Optional.ofNullable(fields.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    @Override
    public String toString() {
        return "CallbackParams[state=" + state.map(s -> "***").orElse("-") + ", code=" + code.map(c -> "***").orElse("-")
                + ", error=" + error.orElse("-") + "]";
    }
}
