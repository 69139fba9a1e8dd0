package dev.nexus.selftest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.upstream.FailureText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends probes to this server over loopback HTTP with the self-test key, so a probe meets exactly what a client's
 * request meets: the filters, the front, the gateway, the account pool or key ring and the upstream.
 */
public final class SelfTest {
    static final int SNIPPET_LENGTH = 200;
    private static final int REASON_LENGTH = 500;
    /** {@code provider/model@account} in the route header; the model is what the upstream was asked for. */
    private static final Pattern ATTEMPT = Pattern.compile("(?:^|; |→ )[a-z0-9_-]+/([^@;\\s]+)@");

    private final Supplier<URI> server;
    private final String key;
    private final Supplier<List<Probe>> probes;
    /**
     * Made on the first probe: a JDK client reads the default TLS context and starts a selector thread when it is made,
     * ~60 ms of a starting server's CPU for something most servers never run.
     */
    private HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration timeout;

    /**
     * @param server this server's loopback base URL, known once it listens
     * @param key the client key the probes present
     * @param probes the probes as the configuration stands now
     * @param timeout how long one probe may take before it counts as failed
     */
    public SelfTest(Supplier<URI> server, String key, Supplier<List<Probe>> probes, ObjectMapper json, Clock clock,
            Duration timeout) {
        this.server = server;
        this.key = key;
        this.probes = probes;
        this.json = json;
        this.clock = clock;
        this.timeout = timeout;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        }
        return http;
    }

    public List<Probe> probes() {
        return probes.get();
    }

    public Optional<Probe> probe(String id) {
        return probes.get().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Runs one probe; never throws for what the server or the network does, it reports it. */
    public ProbeResult run(Probe probe) {
        if (probe.skip().isPresent()) {
            return new ProbeResult(probe.id(), probe.path(), probe.model(), probe.provider(), probe.model(), 200, 0, "",
                    false, true, Optional.of(probe.skip().get().code() + ": " + probe.skip().get().reason()), "", "",
                    clock.instant());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(server.get().resolve(probe.path())).timeout(timeout)
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(probe.body(), StandardCharsets.UTF_8));
        probe.headers().forEach(request::header);
        long started = System.nanoTime();
        HttpResponse<String> answer;
        try {
            answer = http().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return failedToSend(probe, started, "no answer from " + server.get() + probe.path() + ": " + FailureText.of(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failedToSend(probe, started, "interrupted while waiting for the answer");
        }
        long durationMs = elapsedMs(started);
        String route = answer.headers().firstValue("X-Nexus-Route").orElse("");
        String contentType = answer.headers().firstValue("Content-Type").orElse("");
        JsonNode body = parse(answer.body());
        boolean success = answer.statusCode() >= 200 && answer.statusCode() < 300;
        String text = success ? answerText(probe, body).orElse(answer.body()) : errorMessage(body).orElse(answer.body());
        Optional<String> reason = success ? Optional.empty()
                : Optional.of("HTTP " + answer.statusCode() + ": " + cut(text, REASON_LENGTH));
        return new ProbeResult(probe.id(), probe.path(), probe.model(), probe.provider(), mappedModel(route, probe.model()),
                answer.statusCode(), durationMs, contentType, success, false, reason, cut(text, SNIPPET_LENGTH), route,
                clock.instant());
    }

    private ProbeResult failedToSend(Probe probe, long started, String reason) {
        return new ProbeResult(probe.id(), probe.path(), probe.model(), probe.provider(), probe.model(), 0,
                elapsedMs(started), "", false, false, Optional.of(reason), "", "", clock.instant());
    }

    /** The model the upstream was asked for, as the route header names it; the probe's own when it names none. */
    static String mappedModel(String route, String model) {
        Matcher attempt = ATTEMPT.matcher(route);
        return attempt.find() ? attempt.group(1) : model;
    }

    private Optional<String> answerText(Probe probe, JsonNode body) {
        for (String pointer : probe.answerText()) {
            JsonNode text = body.at(pointer);
            if (text.isTextual() && !text.asText().isBlank()) {
                return Optional.of(text.asText());
            }
        }
        return Optional.empty();
    }

    /** The message of an error in any of the three envelopes ({@code error.message} in each). */
    private static Optional<String> errorMessage(JsonNode body) {
        JsonNode message = body.at("/error/message");
        return message.isTextual() ? Optional.of(message.asText()) : Optional.empty();
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return json.missingNode();
        }
    }

    private static long elapsedMs(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    static String cut(String text, int length) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= length ? line : line.substring(0, length - 1) + "…";
    }
}
