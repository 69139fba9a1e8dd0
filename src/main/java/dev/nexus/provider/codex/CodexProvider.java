package dev.nexus.provider.codex;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.account.CodexAccounts;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.RandomIds;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.ThinkingReplay;
import dev.nexus.dialect.openai.CodexRequests;
import dev.nexus.dialect.openai.ResponsesEvents;
import dev.nexus.provider.Credentials;
import dev.nexus.provider.Outcome;
import dev.nexus.provider.Provider;
import dev.nexus.provider.ResponsesRelay;
import dev.nexus.provider.SseReader;
import dev.nexus.dialect.openai.CodexPassThrough;
import dev.nexus.dialect.openai.ResponsesCollector;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import dev.nexus.upstream.UpstreamHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ChatGPT accounts through the Codex backend as a provider: {@code POST {base}/responses}, always streamed, with the
 * headers the Codex CLI sends ({@link CodexHeaders}, the account's ChatGPT id from {@link CodexAccounts}), the
 * canonical request encoded by {@link CodexRequests}, the answer read by {@link CodexStream} and failures classified
 * by {@link CodexFailures}. Every answer's {@code x-codex-*} windows are recorded in {@link CodexQuotaWindows}.
 */
public final class CodexProvider implements Provider, ResponsesRelay {
    public static final String ID = "codex";
    private static final String UPSTREAM = "Codex";
    /** Bound on waiting for response headers; the stream may then run as long as it produces events. */
    private static final Duration HEADERS_TIMEOUT = Duration.ofMinutes(5);

    private final UpstreamHttp http;
    private final ObjectMapper json;
    private final Clock clock;
    private final URI endpoint;
    private final CodexAccounts accounts;
    private final CodexQuotaWindows windows;
    private final CodexStream reader;

    /** @param baseUrl {@code NEXUS_CODEX_BASE_URL}, e.g. {@code https://chatgpt.com/backend-api/codex} */
    public CodexProvider(UpstreamHttp http, ObjectMapper json, Clock clock, URI baseUrl, CodexAccounts accounts,
            CodexQuotaWindows windows) {
        this.http = http;
        this.json = json;
        this.clock = clock;
        String base = baseUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/responses");
        this.accounts = accounts;
        this.windows = windows;
        this.reader = new CodexStream(json);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Outcome call(ChatRequest request, Credentials credentials, String requestId, EventSink sink) {
        Optional<String> session = session(request);
        // Encrypted reasoning another upstream, or another account, issued cannot be verified here: it is dropped.
        String origin = CodexRequests.origin(credentials.accountId());
        ObjectNode body = CodexRequests.encode(ThinkingReplay.safeFor(request, origin), session, origin);
        return send(body, credentials, session, (in, now) -> reader.read(in,
                new ResponsesEvents(origin, "msg_" + RandomIds.hex(), request.model(), now), sink, now));
    }

    /**
     * The Responses pass-through: the client's body under the backend's rules ({@link CodexPassThrough}), the backend's
     * events relayed as they are. Events before the first content ({@code response.created}, {@code in_progress}) are
     * held back, so a usage limit or failure announced right after them leaves the client untouched for failover.
     */
    @Override
    public Outcome relay(ObjectNode body, String model, Credentials credentials, String requestId, Sink sink) {
        body.put("model", model);
        CodexPassThrough.prepare(body);
        Optional<String> session = Optional.ofNullable(body.get("prompt_cache_key")).filter(JsonNode::isTextual)
                .map(JsonNode::asText);
        return send(body, credentials, session, (in, now) -> relayed(in, sink, now));
    }

    private Outcome relayed(InputStream in, Sink sink, Instant now) throws IOException {
        ResponsesCollector watch = new ResponsesCollector(now);
        List<JsonNode> held = new ArrayList<>();
        boolean released = false;
        SseReader events = new SseReader(in);
        while (!watch.ended()) {
            Optional<SseReader.Event> next = events.next();
            if (next.isEmpty()) {
                break;
            }
            JsonNode data;
            try {
                data = json.readTree(next.get().data());
            } catch (IOException malformed) {
                continue;
            }
            if (data == null || !data.isObject()) {
                continue;
            }
            watch.event(data);
            if (!released && watch.failure().isPresent()) {
                break;
            }
            String type = data.path("type").asText("");
            if (!released && (type.equals("response.created") || type.equals("response.in_progress"))) {
                held.add(data);
                continue;
            }
            if (!released) {
                released = true;
                held.forEach(sink::event);
            }
            sink.event(data);
        }
        watch.end();
        if (watch.failure().isEmpty()) {
            return Outcome.DONE;
        }
        return released ? new Outcome.Broken(watch.failure().get().error()) : CodexFailures.of(watch.failure().get(), Optional.empty(), now);
    }

    @Override
    public List<String> limitations(ChatRequest request) {
        return CodexRequests.limitations(request);
    }

    /** How an accepted answer's body is read. */
    @FunctionalInterface
    public interface BodyReader {
        Outcome read(InputStream body, Instant now) throws IOException;
    }

    /**
     * Sends a prepared Codex body on the credential and hands an accepted answer's body to {@code answer}; failures
     * become outcomes. Used for the canonical model here and for the Responses pass-through.
     */
    public Outcome send(ObjectNode body, Credentials credentials, Optional<String> session, BodyReader answer) {
        Optional<String> chatgptAccount = accounts.details(credentials.accountId()).chatgptAccountId();
        UpstreamHttp.Answer response;
        try {
            response = http.send(new UpstreamHttp.Request("POST", endpoint,
                    CodexHeaders.of(credentials.accessToken(), chatgptAccount, session), json.writeValueAsBytes(body),
                    HEADERS_TIMEOUT), UPSTREAM);
        } catch (IOException e) {
            return Outcome.notSent(e, "cannot reach the Codex backend: " + e.getMessage()
                    + " (check the network or NEXUS_CODEX_BASE_URL)");
        }
        Instant now = clock.instant();
        CodexQuota.from(response::header, now).ifPresent(quota -> windows.record(credentials.accountId(), quota));
        if (response.status() != 200) {
            return CodexFailures.ofHttp(response.status(), response.errorText(), response.header("Retry-After"), now);
        }
        try (InputStream in = response.body()) {
            return answer.read(in, now);
        } catch (IOException e) {
            return new Outcome.Broken(UpstreamError.of(502, UpstreamError.Kind.UPSTREAM,
                    "the Codex stream broke: " + e.getMessage()));
        }
    }

    /** The conversation's id as the client named it, for {@code session_id} and {@code prompt_cache_key}. */
    private static Optional<String> session(ChatRequest request) {
        Map<String, String> metadata = request.metadata();
        for (String name : List.of("session_id", "prompt_cache_key", "conversation")) {
            String value = metadata.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
