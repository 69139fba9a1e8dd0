package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** The tests' only way to talk to the fake: plain {@link HttpClient} calls, as the gateway would make them. */
final class TestHttp {

    record Response(int status, String contentType, String location, String body) {
        JsonNode json() {
            return Json.tryParse(body).orElseThrow(() -> new AssertionError("not JSON: " + body));
        }
    }

    /** A stream read to its end or until the connection broke. */
    record Stream(int status, String contentType, String raw, boolean truncated) {

        /** The {@code data:} payload of every complete (blank-line terminated) event. */
        List<String> events() {
            List<String> events = new ArrayList<>();
            String normalized = raw.replace("\r\n", "\n");
            int start = 0;
            int end;
            while ((end = normalized.indexOf("\n\n", start)) >= 0) {
                String block = normalized.substring(start, end);
                events.add(block.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).collect(Collectors.joining("\n")));
                start = end + 2;
            }
            return events;
        }

        List<JsonNode> jsonEvents() {
            return events().stream().map(e -> Json.tryParse(e).orElseThrow(() -> new AssertionError("not JSON: " + e))).toList();
        }

        /** Bytes after the last complete event. */
        String leftover() {
            String normalized = raw.replace("\r\n", "\n");
            int last = normalized.lastIndexOf("\n\n");
            return last < 0 ? normalized : normalized.substring(last + 2);
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Response get(String url, String bearer) {
        return send(request(url, bearer).GET().build());
    }

    Response postJson(String url, String bearer, String json) {
        return send(request(url, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Response postForm(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * POSTs and collects the whole stream, recording a broken connection instead of throwing. A Flow subscriber
     * is used rather than {@code ofInputStream()} because that stream discards bytes it already received once
     * the connection fails, which would hide how far a truncated stream got.
     */
    Stream stream(String url, String bearer, String json) {
        HttpRequest request = request(url, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        Collector collector = new Collector();
        try {
            client.send(request, info -> {
                collector.info = info;
                return HttpResponse.BodySubscribers.fromSubscriber(collector);
            });
        } catch (IOException e) {
            // An early break can fail send() itself; what arrived before it is still in the collector.
            if (collector.info == null) {
                throw new UncheckedIOException(e);
            }
            collector.done.complete(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try {
            boolean truncated = collector.done.get(10, TimeUnit.SECONDS);
            return new Stream(collector.info.statusCode(), collector.info.headers().firstValue("content-type").orElse(null),
                    collector.bytes.toString(StandardCharsets.UTF_8), truncated);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps every byte delivered before the end; completes with true when the body ended in an error. */
    private static final class Collector implements Flow.Subscriber<List<ByteBuffer>> {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<Boolean> done = new CompletableFuture<>();
        volatile HttpResponse.ResponseInfo info;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public synchronized void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable error) {
            done.complete(true);
        }

        @Override
        public void onComplete() {
            done.complete(false);
        }
    }

    /** POSTs and returns the response with its body still open, for tests that read a stream piece by piece. */
    HttpResponse<InputStream> open(String url, String bearer, String json) {
        HttpRequest request = request(url, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder request(String url, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("content-type").orElse(null),
                    response.headers().firstValue("location").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A minimal Cloud Code envelope in Gemini CLI's shape. */
    static String envelope(String project, String model, String userText) {
        return "{\"model\":\"" + model + "\",\"project\":\"" + project + "\",\"user_prompt_id\":\"p1\","
                + "\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + userText + "\"}]}],\"session_id\":\"s1\"}}";
    }
}
