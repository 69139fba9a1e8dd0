package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.fake.FakeGeminiApi;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.testing.JsonMutations;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed-input sweep: every surface that takes a body — the dialect fronts, the key proxies and the admin API —
 * gets broken input of every kind: wrong types at every field, broken JSON, huge strings, unicode edge cases, giant
 * arrays, bodies over the size limit, contradictory framing and control characters in model names. Whatever it is,
 * the answer is below 500; a refusal is a 4xx in the path's own envelope with no stack trace or Java class name in it,
 * and a refused request never reaches an upstream.
 */
class MalformedInputSweepTest {
    private static final String KEY = "sk-malformed-sweep-0001";
    private static final String GEMINI_KEY = "AIza-sweep-server-key-0001";
    private static final String VERTEX_KEY = "AQ.sweep-vertex-key-0001";
    private static final long MAX_BODY = 4L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a leaked stack trace or exception text looks like in an answer. */
    private static final Pattern LEAK = Pattern.compile("Exception|\\tat |\\bjava\\.|\\bio\\.helidon|\\bdev\\.nexus\\.|com\\.fasterxml");

    @TempDir
    static Path dir;
    private static FakeGoogle google;
    private static FakeGeminiApi gemini;
    private static NexusHarness nexus;
    /** The account the admin surfaces act on; set before the surfaces are listed. */
    private static String accountId;

    /** The error shape of a surface. */
    enum Envelope {
        OPENAI {
            @Override
            boolean fits(JsonNode body, int status) {
                return body.path("error").path("message").isTextual() && body.path("error").path("type").isTextual();
            }
        },
        ANTHROPIC {
            @Override
            boolean fits(JsonNode body, int status) {
                return body.path("type").asText().equals("error") && body.path("error").path("type").isTextual()
                        && body.path("error").path("message").isTextual();
            }
        },
        GOOGLE {
            @Override
            boolean fits(JsonNode body, int status) {
                return body.path("error").path("code").asInt() == status && body.path("error").path("message").isTextual()
                        && body.path("error").path("status").isTextual();
            }
        },
        NEXUS {
            @Override
            boolean fits(JsonNode body, int status) {
                return body.path("error").path("status").asInt() == status && body.path("error").path("message").isTextual();
            }
        };

        abstract boolean fits(JsonNode body, int status);
    }

    /**
     * A surface that takes a JSON body: where it is, a valid body, its envelope and the headers it needs. A relay (the
     * key proxies) passes well-formed JSON on as it is, so what the upstream makes of a wrong field is the upstream's
     * answer; broken JSON, framing and model names it still refuses itself.
     */
    record Surface(String name, String method, String path, String valid, Envelope envelope, List<String> headers, boolean relay) {
        Surface(String name, String method, String path, String valid, Envelope envelope, List<String> headers) {
            this(name, method, path, valid, envelope, headers, path.startsWith("/v1beta/") || path.startsWith("/v1/publishers/"));
        }

        @Override
        public String toString() {
            return name;
        }

        /** Whether the surface takes its model in the body's {@code model} field. */
        boolean modelInBody() {
            try {
                return JSON.readTree(valid).has("model");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @BeforeAll
    static void start() {
        google = FakeGoogle.start();
        google.addAccount("a@example.com", "proj-a");
        gemini = FakeGeminiApi.start().acceptKey(GEMINI_KEY).acceptKey(VERTEX_KEY);
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).env("NEXUS_MAX_BODY_BYTES", String.valueOf(MAX_BODY))
                .env("NEXUS_GEMINI_API_KEYS", GEMINI_KEY).env("NEXUS_GEMINI_BASE_URL", gemini.baseUrl())
                .env("NEXUS_VERTEX_API_KEY", VERTEX_KEY).env("NEXUS_VERTEX_BASE_URL", gemini.baseUrl())
                .usingGoogle(google);
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("a@example.com").refreshToken(),
                "--email", "a@example.com", "--project", "proj-a").code()).isZero();
        nexus.start();
        accountId = NexusHarness.json(nexus.get("/api/accounts").body()).at("/accounts/0/id").asText();
    }

    @AfterAll
    static void stop() {
        nexus.close();
        gemini.close();
        google.close();
    }

    static Stream<Surface> surfaces() {
        List<String> openAi = List.of("Authorization", "Bearer " + KEY);
        List<String> anthropic = List.of("x-api-key", KEY, "anthropic-version", "2023-06-01");
        List<String> google = List.of("x-goog-api-key", KEY);
        String contents = """
                {"systemInstruction":{"parts":[{"text":"s"}]},
                 "contents":[{"role":"user","parts":[{"text":"hi"}]},
                   {"role":"model","parts":[{"functionCall":{"name":"f","args":{}}}]},
                   {"role":"user","parts":[{"functionResponse":{"name":"f","response":{"output":"ok"}}}]}],
                 "tools":[{"googleSearch":{}},{"functionDeclarations":[{"name":"f","parameters":{"type":"OBJECT"}}]}],
                 "generationConfig":{"temperature":0.5,"maxOutputTokens":10}}""";
        return Stream.of(
                new Surface("chat completions", "POST", "/v1/chat/completions", """
                        {"model":"gemini-3-flash","stream":false,"temperature":0.5,"max_tokens":10,"stop":["x"],
                         "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
                         "tool_choice":"auto","response_format":{"type":"json_object"},
                         "messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"hi"}]},
                           {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
                           {"role":"tool","tool_call_id":"c1","content":"ok"}]}""", Envelope.OPENAI, openAi),
                new Surface("responses", "POST", "/v1/responses", """
                        {"model":"gemini-3-flash","instructions":"s","store":false,"max_output_tokens":10,
                         "tools":[{"type":"function","name":"f","parameters":{"type":"object"}}],
                         "input":[{"role":"user","content":[{"type":"input_text","text":"hi"}]},
                           {"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},
                           {"type":"function_call_output","call_id":"c1","output":"ok"}]}""", Envelope.OPENAI, openAi),
                new Surface("anthropic messages", "POST", "/v1/messages", """
                        {"model":"claude-sonnet-4-5","max_tokens":10,"system":[{"type":"text","text":"s"}],
                         "thinking":{"type":"enabled","budget_tokens":1024},"tool_choice":{"type":"auto"},
                         "tools":[{"name":"f","input_schema":{"type":"object"}}],"metadata":{"user_id":"u"},
                         "messages":[{"role":"user","content":"hi"},
                           {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]},
                           {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]}]}""",
                        Envelope.ANTHROPIC, anthropic),
                new Surface("anthropic count_tokens", "POST", "/anthropic/v1/messages/count_tokens", """
                        {"model":"claude-sonnet-4-5","system":"s","tools":[{"name":"f","input_schema":{"type":"object"}}],
                         "messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}""", Envelope.ANTHROPIC, anthropic),
                new Surface("genai generate", "POST", "/genai/v1beta/models/claude-sonnet-4-5:generateContent", contents,
                        Envelope.GOOGLE, google),
                new Surface("genai stream", "POST", "/genai/v1beta/models/gemini-3-flash:streamGenerateContent?alt=sse", contents,
                        Envelope.GOOGLE, google),
                new Surface("genai countTokens", "POST", "/genai/v1beta/models/gemini-3-flash:countTokens", """
                        {"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""", Envelope.GOOGLE, google),
                new Surface("gemini key proxy", "POST", "/v1beta/models/gemini-2.5-flash:generateContent", """
                        {"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":{"temperature":0.5}}""",
                        Envelope.GOOGLE, google),
                new Surface("vertex key proxy", "POST", "/v1/publishers/google/models/gemini-2.5-flash:generateContent", """
                        {"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":{"temperature":0.5}}""",
                        Envelope.GOOGLE, google),
                new Surface("admin keys", "POST", "/api/keys", "{\"name\":\"sweep\"}", Envelope.NEXUS, List.of()),
                new Surface("admin routes", "POST", "/api/model-routes", """
                        {"client_model":"sweep-model","target_provider":"google","target_model":"gemini-3-flash",
                         "fallbacks":["gemini-3-pro"]}""", Envelope.NEXUS, List.of()),
                new Surface("admin monitor settings", "PUT", "/api/monitor/settings", "{\"log_bodies\":false}", Envelope.NEXUS,
                        List.of()),
                new Surface("admin account active", "POST", "/api/accounts/" + accountId + "/active", "{\"is_active\":true}",
                        Envelope.NEXUS, List.of()),
                new Surface("admin pasted login", "POST", "/api/accounts/login/complete",
                        "{\"url\":\"http://localhost:51121/oauth-callback?state=unknown-state&code=4/abc\"}", Envelope.NEXUS,
                        List.of()));
    }

    @ParameterizedTest
    @MethodSource("surfaces")
    void wrongTypesAtEveryField(Surface s) throws IOException {
        JsonNode base = JSON.readTree(s.valid());
        List<String> failures = new ArrayList<>();
        for (String pointer : JsonMutations.pointers(base)) {
            for (JsonNode wrong : JsonMutations.WRONG_VALUES) {
                send(s, pointer + " = " + wrong, JsonMutations.replaced(base, pointer, wrong).toString().getBytes(StandardCharsets.UTF_8),
                        failures);
            }
        }
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("surfaces")
    void brokenJsonIsRefused(Surface s) {
        String valid = s.valid().strip();
        Map<String, byte[]> bodies = new java.util.LinkedHashMap<>();
        for (String text : List.of("", " ", "{", "}", "[]", "[1,2]", "42", "\"text\"", "null", "true", "{\"a\":1,}", "{'a':1}",
                "{\"a\" 1}", "{\"a\":NaN}", "{\"a\":tru}", valid + " trailing", valid + valid,
                valid + "]", "/* note */" + valid, valid.substring(0, valid.length() / 2))) {
            bodies.put(text.length() > 30 ? text.substring(0, 30) + "…" : text, text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.put("nested 100000 arrays", ("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8));
        bodies.put("nested 5000 objects", ("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)).getBytes(StandardCharsets.UTF_8));
        bodies.put("invalid UTF-8", concat("{\"model\":\"", new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}, "\"}"));
        bodies.put("overlong UTF-8 slash", concat("{\"model\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}"));
        List<String> failures = new ArrayList<>();
        bodies.forEach((label, body) -> send(s, label, body, failures, true));
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("surfaces")
    void hugeStringsUnicodeEdgesAndGiantArraysNeverBreakAHandler(Surface s) throws IOException {
        JsonNode base = JSON.readTree(s.valid());
        List<String> failures = new ArrayList<>();
        String huge = "x".repeat(600_000);
        List<String> strings = List.of(huge, "\ud800", "\udfff", "a\ud800b", "\u0000", "\u202eevil", "\uffff\ufffe",
                "\ud83d\ude00".repeat(1000), "e\u0301".repeat(20_000), "\u0085\u2028\u2029");
        for (String pointer : JsonMutations.pointers(base)) {
            if (!base.at(pointer).isTextual()) {
                continue;
            }
            for (String value : strings) {
                String label = pointer + " = " + (value.length() > 12 ? value.length() + " chars" : JSON.writeValueAsString(value));
                send(s, label, JsonMutations.replaced(base, pointer, JSON.getNodeFactory().textNode(value)).toString()
                        .getBytes(StandardCharsets.UTF_8), failures);
            }
        }
        for (String pointer : JsonMutations.pointers(base)) {
            if (base.at(pointer).isArray()) {
                var giant = JSON.createArrayNode();
                JsonNode element = base.at(pointer).size() > 0 ? base.at(pointer).get(0) : JSON.getNodeFactory().numberNode(1);
                for (int i = 0; i < 120_000; i++) {
                    giant.add(i % 2 == 0 ? element : JSON.getNodeFactory().numberNode(i));
                }
                send(s, pointer + " = 120000 elements", JsonMutations.replaced(base, pointer, giant).toString()
                        .getBytes(StandardCharsets.UTF_8), failures);
            }
        }
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("surfaces")
    void controlCharactersInModelNamesAreRefusedBeforeAnyUpstreamCall(Surface s) throws IOException {
        List<String> failures = new ArrayList<>();
        for (String model : List.of("gemini-3-flash\r\nX-Injected: 1", "gemini-3-flash\u0000", "gem\u0001ini", "gemini\u007f",
                "gemini-3-flash\n", "\tgemini-3-flash", "../../v1beta/files?x=", "gemini-3-flash%0d%0a")) {
            if (s.modelInBody()) {
                JsonNode body = JsonMutations.replaced(JSON.readTree(s.valid()), "/model", JSON.getNodeFactory().textNode(model));
                send(s, "model " + JSON.writeValueAsString(model), body.toString().getBytes(StandardCharsets.UTF_8), failures, true);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void controlCharactersInAModelPathSegmentAreRefusedBeforeAnyUpstreamCall() {
        List<String> failures = new ArrayList<>();
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
        for (String prefix : List.of("/genai/v1beta/models/", "/v1beta/models/", "/v1/publishers/google/models/")) {
            for (String model : List.of("gemini%0d%0aX-Injected:%201", "gemini%00", "gem%01ini", "..%2F..%2Fv1beta%2Ffiles",
                    "gemini%7f", "%E2%80%AEgemini")) {
                Surface s = new Surface(prefix, "POST", prefix + model + ":generateContent", body, Envelope.GOOGLE,
                        List.of("x-goog-api-key", KEY));
                send(s, prefix + model, body.getBytes(StandardCharsets.UTF_8), failures, true);
            }
        }
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("surfaces")
    void bodiesOverTheLimitAre413WhateverTheirFraming(Surface s) {
        List<String> failures = new ArrayList<>();
        byte[] big = ("{\"pad\":\"" + "x".repeat((int) MAX_BODY) + "\"}").getBytes(StandardCharsets.UTF_8);
        expect(s, "declared over the limit", raw(s, head(s, "Content-Length: " + big.length), big), 413, failures);
        expect(s, "chunked over the limit", raw(s, head(s, "Transfer-Encoding: chunked"), chunked(big, 64 * 1024)), 413, failures);
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("surfaces")
    void contradictoryOrBrokenFramingIsA400(Surface s) {
        List<String> failures = new ArrayList<>();
        byte[] body = s.valid().getBytes(StandardCharsets.UTF_8);
        int n = body.length;
        Map<String, byte[]> requests = new java.util.LinkedHashMap<>();
        requests.put("Content-Length and Transfer-Encoding", raw(s, head(s, "Content-Length: " + n, "Transfer-Encoding: chunked"),
                chunked(body, 16)));
        requests.put("two different Content-Lengths", raw(s, head(s, "Content-Length: " + n, "Content-Length: " + (n + 1)), body));
        requests.put("negative Content-Length", raw(s, head(s, "Content-Length: -5"), body));
        requests.put("Content-Length not a number", raw(s, head(s, "Content-Length: 12abc"), body));
        requests.put("final encoding not chunked", raw(s, head(s, "Transfer-Encoding: chunked, gzip"), chunked(body, 16)));
        requests.put("chunk size not hex", raw(s, head(s, "Transfer-Encoding: chunked"), "zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        requests.put("chunk size too large", raw(s, head(s, "Transfer-Encoding: chunked"),
                "fffffffffffffffff\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        requests.forEach((label, request) -> expect(s, label, request, 400, failures));
        // Valid HTTP that Helidon alone refused: chunk extensions and trailers are accepted.
        byte[] extended = ("%x;name=value\r\n".formatted(n) + s.valid() + "\r\n0\r\nX-Trailer: t\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer answer = exchange(raw(s, head(s, "Transfer-Encoding: chunked"), extended));
        check(s, "chunk extension and trailer", answer.status(), answer.text(), -1, failures);
        assertThat(failures).isEmpty();
    }

    // --- sending and checking ---------------------------------------------------------------------------------------

    private static void send(Surface s, String label, byte[] body, List<String> failures) {
        send(s, label, body, failures, false);
    }

    /** Sends one body; {@code refusal} says the answer must be a 4xx, not just below 500. */
    private static void send(Surface s, String label, byte[] body, List<String> failures, boolean refusal) {
        int before = upstreamCalls();
        HttpRequest.Builder request = nexus.request(s.path()).method(s.method(), HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        if (!s.headers().isEmpty()) {
            request.headers(s.headers().toArray(String[]::new));
        }
        HttpResponse<String> res;
        try {
            res = nexus.send(request);
        } catch (RuntimeException e) {
            throw new AssertionError(s + ": " + label + " got no answer", e);
        }
        if (refusal && (res.statusCode() < 400 || res.statusCode() >= 500)) {
            failures.add(s + ": " + label + " → " + res.statusCode() + " (expected a refusal) " + abbreviated(res.body()));
            return;
        }
        check(s, label, res.statusCode(), res.body(), s.relay() && !refusal ? -1 : before, failures);
    }

    /** A request sent on a bare socket must be answered {@code status}, in the surface's envelope, with no upstream call. */
    private static void expect(Surface s, String label, byte[] request, int status, List<String> failures) {
        int before = upstreamCalls();
        RawHttp.Answer answer = exchange(request);
        if (answer.status() != status) {
            failures.add(s + ": " + label + " → " + answer.status() + " (expected " + status + ") " + abbreviated(answer.text()));
            return;
        }
        check(s, label, answer.status(), answer.text(), before, failures);
    }

    /** @param upstreamBefore the upstream calls before the request, or -1 not to check them */
    private static void check(Surface s, String label, int status, String body, int upstreamBefore, List<String> failures) {
        String what = s + ": " + label + " → " + status + " ";
        if (status >= 500) {
            failures.add(what + abbreviated(body));
            return;
        }
        if (LEAK.matcher(body).find()) {
            failures.add(what + "leaks an exception: " + abbreviated(body));
        }
        if (status < 400) {
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            failures.add(what + "is not JSON: " + abbreviated(body));
            return;
        }
        if (json == null || !s.envelope().fits(json, status)) {
            failures.add(what + "is not in the " + s.envelope() + " envelope: " + abbreviated(body));
        }
        if (upstreamBefore >= 0 && upstreamCalls() != upstreamBefore) {
            failures.add(what + "was refused after an upstream call");
        }
    }

    /** Calls that generate or count (token refreshes and catalog reads are the pool's own business). */
    private static int upstreamCalls() {
        return (int) Stream.concat(google.requests().stream(), gemini.requests().stream()).map(RecordedRequest::path)
                .filter(p -> p.contains(":generateContent") || p.contains(":streamGenerateContent") || p.contains(":countTokens"))
                .count();
    }

    private static String head(Surface s, String... framing) {
        StringBuilder head = new StringBuilder(s.method() + " " + s.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nConnection: close\r\n");
        for (int i = 0; i < s.headers().size(); i += 2) {
            head.append(s.headers().get(i)).append(": ").append(s.headers().get(i + 1)).append("\r\n");
        }
        for (String line : framing) {
            head.append(line).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private static byte[] raw(Surface s, String head, byte[] body) {
        return concat(head, body, "");
    }

    private static byte[] chunked(byte[] body, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += size) {
            int n = Math.min(size, body.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static RawHttp.Answer exchange(byte[] request) {
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            try {
                http.send(request);
            } catch (java.io.UncheckedIOException e) {
                // The server may answer and close before the whole (refused) body is written; the answer still counts.
            }
            return http.read();
        }
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
