package dev.nexus.gateway;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The route decision for one request: what the client's model name resolved to and why, where it went and what was
 * tried before. Rendered as {@code resolved claude-opus-4-8 -> claude-opus-4-6-thinking (family claude-opus, nearest
 * version); google/claude-opus-4-6-thinking@1a2b3c4d; tried google/claude-opus-4-6-thinking@9f8e7d6c:429} — with an
 * ASCII arrow, as header values are Latin-1 on the wire. The request monitor reads the same decision ({@link #render()}
 * and the {@link #last()} attempt). Confined to the request's thread.
 */
public final class RouteTrace {
    /** Notes shown at most; a request can bring any number (one per server tool type it names), a header cannot. */
    static final int NOTES_SHOWN = 20;

    private final List<String> tried = new ArrayList<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private String current = "";
    private String clientModel = "";
    private String resolution = "";
    private Attempt last;

    /**
     * One upstream call.
     *
     * @param model the upstream model ({@code ""} for a request about no model, such as a model list)
     * @param accountId the account id, or {@code key1}, {@code key2}… for a key-based upstream
     * @param accountLabel what may be shown of the account: its masked email, or the masked key
     */
    public record Attempt(String provider, String model, String accountId, String accountLabel) {}

    void clientModel(String model) {
        clientModel = model;
    }

    /** How the client's name was resolved ({@link ModelResolver}); {@code why} names the rule. */
    void resolved(String client, String target, String why) {
        resolution = "resolved " + client + " -> " + target + " (" + why + ")";
    }

    /** Nothing resolved the client's name. */
    void unresolved(String client) {
        resolution = "unresolved " + client + " (no route, not in the model catalog, no model of its family)";
    }

    void attempt(String provider, String model, String accountId, String accountLabel) {
        last = new Attempt(provider, model, accountId, accountLabel);
        current = provider + (model.isEmpty() ? "" : "/" + model) + (accountId.isEmpty() ? "" : "@" + shortId(accountId));
    }

    /** A provider model of the route that was passed over without a call, e.g. every credential resting. */
    void passed(String provider, String model, String why) {
        tried.add(provider + "/" + model + ":" + why);
    }

    void failed(String outcome) {
        if (!current.isEmpty()) {
            tried.add(current + ":" + outcome);
        }
        current = "";
    }

    /** Something the route decision could not honour, shown to the client, e.g. an unsupported server tool dropped. */
    public void note(String text) {
        notes.add(text);
    }

    public String clientModel() {
        return clientModel;
    }

    public List<String> tried() {
        return List.copyOf(tried);
    }

    /** The latest upstream call, whether it answered or failed; empty when the request never reached an upstream. */
    public Optional<Attempt> last() {
        return Optional.ofNullable(last);
    }

    /** The header value. */
    public String render() {
        String head = current.isEmpty() ? "none" : current;
        String route = (resolution.isEmpty() ? "" : resolution + "; ") + (tried.isEmpty() ? head : head + "; tried " + String.join(", ", tried));
        if (notes.isEmpty()) {
            return route;
        }
        String shown = String.join(", ", notes.stream().limit(NOTES_SHOWN).toList());
        return route + "; note " + shown + (notes.size() > NOTES_SHOWN ? " and " + (notes.size() - NOTES_SHOWN) + " more" : "");
    }

    private static String shortId(String accountId) {
        return accountId.length() > 8 ? accountId.substring(0, 8) : accountId;
    }
}
