package dev.nexus.front;

import dev.nexus.account.ApiKeyRing;
import dev.nexus.chat.ClientModelName;
import dev.nexus.chat.Usage;
import dev.nexus.chat.UpstreamError;
import dev.nexus.keylimit.KeyTicket;
import dev.nexus.gateway.KeyRelay;
import dev.nexus.gateway.ModelIdShape;
import dev.nexus.gateway.RouteTrace;
import dev.nexus.monitor.Observation;
import dev.nexus.provider.RelayRequest;
import dev.nexus.provider.RelayResponse;
import dev.nexus.server.HttpError;
import dev.nexus.server.JsonBodies;
import dev.nexus.server.KeyTickets;
import dev.nexus.server.Observations;
import dev.nexus.server.RequestBody;
import dev.nexus.server.Replies;
import dev.nexus.upstream.CallsInFlight;
import dev.nexus.dialect.gemini.GoogleErrors;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the key-injecting proxy fronts (Gemini API, Vertex, the catalog providers' pass-through) share: the "not
 * configured" answer, reading the client's request once, the key failover through {@link KeyRelay}, and relaying the
 * chosen answer to the client as it arrives — status and headers as the upstream sent them, the body flushed after
 * every read, never buffered. Errors Nexus itself produces use the path's envelope (Google's for the Google proxies,
 * OpenAI's for the pass-through; the server picks it). The request monitor sees the
 * keys tried, the bytes relayed, and the tokens the answer reports (read from its last bytes).
 */
final class KeyProxy {
    private static final Logger LOG = LoggerFactory.getLogger(KeyProxy.class);
    /** Bytes asked for per read: Helidon's client allocates that much per read, and a stream's reads are mostly small. */
    private static final int CHUNK = 8 * 1024;

    /**
     * How the upstream and its settings are named in messages.
     *
     * @param upstream e.g. {@code Gemini API}
     * @param whenOff how to switch the proxy on, e.g. {@code set NEXUS_GEMINI_API_KEYS=key1,key2 …}
     * @param keysVariable where more keys go, e.g. {@code NEXUS_GEMINI_API_KEYS}
     * @param baseUrlVariable e.g. {@code NEXUS_GEMINI_BASE_URL}
     * @param timeoutVariable e.g. {@code NEXUS_GEMINI_PROXY_TIMEOUT}
     */
    record Names(String upstream, String whenOff, String keysVariable, String baseUrlVariable, String timeoutVariable) {}

    private final ApiKeyRing ring;
    private final KeyRelay relay;
    private final Replies replies;
    private final Names names;
    private final Function<UsageTail, Optional<Usage>> usage;

    KeyProxy(ApiKeyRing ring, KeyRelay relay, Replies replies, Names names) {
        this(ring, relay, replies, names, UsageTail::usage);
    }

    /** @param usage how the tokens are read from the answer's last bytes (Google's {@code usageMetadata} by default) */
    KeyProxy(ApiKeyRing ring, KeyRelay relay, Replies replies, Names names, Function<UsageTail, Optional<Usage>> usage) {
        this.ring = ring;
        this.relay = relay;
        this.replies = replies;
        this.names = names;
        this.usage = usage;
    }

    void logState() {
        if (ring.isEmpty()) {
            LOG.info("{} proxy off (no key configured)", names.upstream());
        } else {
            LOG.info("{} proxy on with {} key(s): {}", names.upstream(), ring.size(), String.join(", ", ring.masked()));
        }
    }

    /** Answers 404 naming the variable to set when no key is configured. */
    void requireConfigured() {
        if (ring.isEmpty()) {
            throw new HttpError(404, "the " + names.upstream() + " proxy is off: no key is configured ("
                    + names.whenOff() + " and restart Nexus)", "not_configured");
        }
    }

    HttpError unsupported(ServerRequest req, String relayed) {
        return new HttpError(404, "Unsupported endpoint: " + req.prologue().method().text() + " " + req.path().path()
                + " (the " + names.upstream() + " proxy relays " + relayed + ")", "not_found");
    }

    /**
     * The model id from the path, refused when it could not be an id: it becomes part of the upstream path, so it must
     * be a plain id ({@link ModelIdShape#PLAIN}, the publisher prefix already dropped), as the gateway requires of every
     * model it sends.
     */
    static String model(String model) {
        ClientModelName.problem(model).ifPresent(problem -> {
            throw new HttpError(400, "the model name in the path " + problem, "invalid_request_error");
        });
        if (!ModelIdShape.PLAIN.accepts(model)) {
            throw new HttpError(400, "invalid model name '" + model + "' in the path: use " + ModelIdShape.PLAIN.rule(),
                    "invalid_request_error");
        }
        return model;
    }

    /**
     * A call's request: read as {@link #read} does, and refused with a 400 unless its body is one JSON object — the
     * upstream would refuse it too, after a round trip on the server's key.
     */
    static RelayRequest readCall(ServerRequest req) {
        RelayRequest request = read(req);
        JsonBodies.requireObject(request.body());
        return request;
    }

    /** The client's request with its body read whole (bounded by the body limit), so it can be sent again. */
    static RelayRequest read(ServerRequest req) {
        byte[] body = RequestBody.readAll(req);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : req.headers()) {
            headers.computeIfAbsent(header.name(), k -> new ArrayList<>()).addAll(header.allValues());
        }
        return new RelayRequest(req.prologue().method().text(), req.query().rawValue(), headers, body);
    }

    /** Runs the failover loop and relays its outcome to the client. */
    void relay(ServerRequest req, ServerResponse res, String model, KeyRelay.Send send) {
        KeyRelay.Result result;
        RouteTrace trace = new RouteTrace();
        Observed.route(req, trace);
        // These proxies do not pass through the gateway: the client key's policy is checked here, on the model in the path.
        Optional<UpstreamError> refused = KeyTickets.of(req).admit(model);
        if (refused.isPresent()) {
            refused.get().retryAfterHeader().ifPresent(seconds -> res.header(HeaderNames.RETRY_AFTER, seconds));
            throw new HttpError(refused.get().status(), refused.get().message(), "client_key_policy");
        }
        try {
            result = relay.relay(ring, model, send, trace);
        } catch (HttpConnectTimeoutException e) {
            throw new HttpError(504, "the " + e.getMessage() + " (check " + names.baseUrlVariable() + " and the network)",
                    "upstream_timeout");
        } catch (HttpTimeoutException e) {
            throw new HttpError(504, "the " + e.getMessage() + " (raise " + names.timeoutVariable() + ", e.g. "
                    + names.timeoutVariable() + "=10m, if the model needs longer)", "upstream_timeout");
        } catch (CallsInFlight.Cut e) {
            throw new HttpError(503, e.getMessage(), "shutting_down");
        } catch (IOException e) {
            throw new HttpError(502, "cannot reach the " + names.upstream() + ": "
                    + (e.getMessage() == null ? "the connection failed" : e.getMessage()) + " (check " + names.baseUrlVariable()
                    + " and the network)", "upstream_unreachable");
        }
        switch (result) {
            case KeyRelay.Result.Served served -> write(res, served.response(), Observations.of(req), KeyTickets.of(req),
                    req.path().path().endsWith(":streamGenerateContent"));
            case KeyRelay.Result.AllLimited limited -> {
                long seconds = limited.retryAfterSeconds();
                res.header("Retry-After", Long.toString(seconds));
                replies.error(req, res, new HttpError(429, "every " + names.upstream() + " key is rate limited"
                        + (model.isEmpty() ? "" : " for model '" + model + "'") + " (" + ring.size() + " key"
                        + (ring.size() == 1 ? "" : "s") + "; the first is free again in " + seconds + " s)"
                        + (limited.lastMessage().isEmpty() ? "" : ": " + limited.lastMessage())
                        + " — retry after " + seconds + " s, or add keys to " + names.keysVariable(), "rate_limited"));
            }
        }
    }

    /**
     * Relays the answer as it arrives. A client that leaves, or an upstream that breaks mid-body, ends the exchange by
     * closing the connection, so the client never mistakes a cut stream for a complete one; a stream that shutdown cuts
     * at a clean place between events ends with an error event instead.
     */
    private void write(ServerResponse res, RelayResponse upstream, Observation observation, KeyTicket ticket, boolean streamMethod) {
        UsageTail tail = countsTokens(upstream) ? new UsageTail() : null;
        Optional<RelayedStreamEnd> end = upstream.status() == 200
                ? RelayedStreamEnd.of(upstream.header("content-type").orElse(""), streamMethod) : Optional.empty();
        try (InputStream in = upstream.body()) {
            res.status(upstream.status());
            upstream.headers().forEach((name, values) -> res.header(name, values.toArray(String[]::new)));
            OutputStream out = res.outputStream();
            byte[] buffer = new byte[CHUNK];
            long relayed = 0;
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (CallsInFlight.Cut cut) {
                    endCut(out, end, cut, observation);
                    return;
                } catch (IOException e) {
                    LOG.warn("the {} answer broke after {} bytes ({}); closing the client's connection", names.upstream(), relayed,
                            e.toString());
                    throw new CloseConnectionException("upstream answer broke", e);
                }
                if (n < 0) {
                    break;
                }
                try {
                    observation.firstByte();
                    out.write(buffer, 0, n);
                    out.flush();
                } catch (IOException | UncheckedIOException e) {
                    LOG.debug("client left during a {} answer after {} bytes", names.upstream(), relayed);
                    throw new CloseConnectionException("client left", e);
                }
                relayed += n;
                observation.responseBytes(upstream.status(), buffer, 0, n);
                end.ifPresent(e -> e.add(buffer, 0, n));
                if (tail != null) {
                    tail.add(buffer, 0, n);
                }
            }
            if (tail != null) {
                usage.apply(tail).filter(u -> u.inputTokens() + u.outputTokens() > 0).ifPresent(u -> {
                    observation.usage(u.inputTokens(), u.outputTokens());
                    ticket.usage(u.inputTokens(), u.outputTokens());
                });
            }
            try {
                out.close();
            } catch (IOException | UncheckedIOException e) {
                LOG.debug("client left at the end of a {} answer", names.upstream());
            }
        } catch (IOException e) {
            // closing the upstream body failed after the answer was relayed: nothing left to do
            LOG.debug("closing a {} answer failed: {}", names.upstream(), e.toString());
        }
    }

    /** Shutdown cut the upstream: end the client's stream with Google's error where the framing allows, else cut it. */
    private void endCut(OutputStream out, Optional<RelayedStreamEnd> end, CallsInFlight.Cut cut, Observation observation) {
        observation.error(cut.getMessage());
        Optional<byte[]> last = end.flatMap(e -> e.endWith(GoogleErrors.body(503, cut.getMessage())));
        if (last.isEmpty()) {
            throw new CloseConnectionException("the " + names.upstream() + " answer was cut by shutdown mid-event", cut);
        }
        try {
            out.write(last.get());
            out.close();
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("client left while a {} answer was being ended for shutdown", names.upstream());
        }
    }

    /** A plain JSON or SSE answer, whose usage can be read from its end (not a compressed one). */
    private static boolean countsTokens(RelayResponse upstream) {
        String type = upstream.header("content-type").orElse("");
        return upstream.header("content-encoding").filter(e -> !e.equalsIgnoreCase("identity")).isEmpty()
                && (type.contains("json") || type.contains("event-stream"));
    }

}
