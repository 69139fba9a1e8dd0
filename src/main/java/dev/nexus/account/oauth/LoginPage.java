package dev.nexus.account.oauth;

import dev.nexus.account.Account;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The small HTML pages a browser sees at the end of a login: what happened and what to do next, with a link back
 * to the dashboard. Self-contained (no scripts, no external assets) and every interpolated value HTML-escaped.
 */
public final class LoginPage {
    /**
     * The headers every page goes out with: HTML, never cached or framed, no scripts, and no referrer (a link
     * followed from the callback page must not carry the callback URL, with its code, to the next site).
     */
    public static final Map<String, String> HEADERS = Map.of(
            "Content-Type", "text/html; charset=utf-8",
            "Cache-Control", "no-store",
            "Referrer-Policy", "no-referrer",
            "X-Content-Type-Options", "nosniff",
            "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");

    private LoginPage() {}

    public static String success(LoginResult result, Optional<URI> dashboard) {
        String what = result.created()
                ? "Nexus added <b>" + escape(result.email()) + "</b> as a new account" + (result.account().primary() ? ", and made it the primary one" : "") + "."
                : "Nexus already knew <b>" + escape(result.email()) + "</b>: its tokens were replaced and the account is active again.";
        String project = result.account().provider().equals(Account.CODEX)
                ? "ChatGPT login" + result.tier().map(t -> ", plan <code>" + escape(t) + "</code>").orElse("") + "."
                : "Cloud Code project <code>" + escape(result.projectId().orElse("-")) + "</code>"
                        + result.tier().map(t -> ", tier <code>" + escape(t) + "</code>").orElse("") + ".";
        return page(result.created() ? "Account added" : "Account renewed", "<p>" + what + "</p><p>" + project + "</p>",
                dashboard, "You can close this tab.");
    }

    public static String failure(LoginException failure, Optional<URI> dashboard) {
        String todo = switch (failure.reason()) {
            case NOT_CONFIGURED -> "Choose one of the OAuth clients named above and start the login again.";
            case UNAVAILABLE, MALFORMED, UNKNOWN_STATE, EXPIRED, DENIED, GOOGLE_FAILED, OPENAI_FAILED, FAILED ->
                    "Start a new login from the dashboard, or run <code>nexus accounts login</code>.";
        };
        return page(failure.reason().title(), "<p>" + escape(capitalised(failure.getMessage())) + ".</p>", dashboard, todo);
    }

    /** A page for anything that is not a login callback (other paths on the callback listener). */
    public static String notFound(String callbackPath, Optional<URI> dashboard) {
        return page("Not found", "<p>This address only answers a login redirect at <code>" + escape(callbackPath) + "</code>.</p>",
                dashboard, "");
    }

    private static String page(String title, String body, Optional<URI> dashboard, String todo) {
        String link = dashboard.map(d -> "<p><a href=\"" + escape(d.toString()) + "\">Back to the Nexus dashboard</a></p>").orElse("");
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Nexus: " + escape(title) + "</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;"
                + "margin:3em auto;padding:0 1em;color:#222}h1{font-size:1.4em}code{background:#eee;padding:0 .2em}</style>"
                + "</head><body><h1>" + escape(title) + "</h1>" + body + (todo.isEmpty() ? "" : "<p>" + todo + "</p>") + link
                + "</body></html>\n";
    }

    private static String capitalised(String message) {
        String text = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Escapes text for HTML element content and double-quoted attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
