package dev.nexus.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * What the fake answers to one generateContent or streamGenerateContent call. A reply is a list of chunks
 * (each one SSE event when streamed; merged into one candidate for the unary call) or an HTTP error.
 * Immutable; {@link #repeat()}, {@link #times(int)} and {@link #arrayWrapped()} return modified copies.
 */
public final class Reply {
    static final int FOREVER = -1;

    /** Gemini {@code usageMetadata}; zero counts are omitted from the JSON, as proto3 does. */
    public record Usage(int promptTokenCount, int candidatesTokenCount, int thoughtsTokenCount,
            int cachedContentTokenCount, int totalTokenCount) {

        /** Total as Gemini computes it: cached tokens are already part of the prompt. */
        public static Usage of(int prompt, int candidates, int thoughts, int cached) {
            return new Usage(prompt, candidates, thoughts, cached, prompt + candidates + thoughts);
        }
    }

    /**
     * How a stream is written. {@code disconnectAfter} is the number of complete events before the socket is
     * closed without a proper end (-1: never); with {@code midEvent} half of the next event is written first.
     */
    record StreamShape(Duration chunkDelay, int disconnectAfter, boolean midEvent, boolean crlf, int holdAfter, CountDownLatch release) {
        static final StreamShape PLAIN = new StreamShape(Duration.ZERO, -1, false, false, -1, null);
    }

    final List<Chunk> chunks;
    final Usage usage;
    final String finishReason;
    final String modelVersion;
    final String responseId;
    final String traceId;
    final StreamShape shape;
    final GoogleError httpError;
    final GoogleError streamError;
    final int uses;
    /** Google Search grounding for the last chunk, or null. */
    final Grounding grounding;

    /**
     * What Google Search grounding found: rendered as the last candidate's {@code groundingMetadata}, and only when the
     * request offered the {@code googleSearch} tool, as Google grounds only then.
     *
     * @param supports each names a piece of the answer text (its first occurrence) and the pages that back it
     */
    public record Grounding(List<String> queries, List<Page> pages, List<Support> supports) {
        public Grounding {
            queries = List.copyOf(queries);
            pages = List.copyOf(pages);
            supports = List.copyOf(supports);
        }
    }

    /** A page Google Search found; {@code title} is usually the site's domain. */
    public record Page(String uri, String title) {}

    /** @param pages positions in {@link Grounding#pages()} */
    public record Support(String text, List<Integer> pages) {}

    private Reply(List<Chunk> chunks, Usage usage, String finishReason, String modelVersion, String responseId,
            String traceId, StreamShape shape, GoogleError httpError, GoogleError streamError, int uses) {
        this(chunks, usage, finishReason, modelVersion, responseId, traceId, shape, httpError, streamError, uses, null);
    }

    private Reply(List<Chunk> chunks, Usage usage, String finishReason, String modelVersion, String responseId,
            String traceId, StreamShape shape, GoogleError httpError, GoogleError streamError, int uses, Grounding grounding) {
        this.grounding = grounding;
        this.chunks = List.copyOf(chunks);
        this.usage = usage;
        this.finishReason = finishReason;
        this.modelVersion = modelVersion;
        this.responseId = responseId;
        this.traceId = traceId;
        this.shape = shape;
        this.httpError = httpError;
        this.streamError = streamError;
        this.uses = uses;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Text streamed in the given pieces, then STOP with estimated usage. */
    public static Reply text(String... pieces) {
        return builder().text(pieces).build();
    }

    /** An HTTP error with a google.rpc.Status body and no details. */
    public static Reply error(int httpStatus, String googleStatus, String message) {
        return failing(new GoogleError(httpStatus, googleStatus, message, List.of(), false));
    }

    /** 429 RESOURCE_EXHAUSTED with ErrorInfo RATE_LIMIT_EXCEEDED (quotaResetDelay, quotaResetTimeStamp) and RetryInfo. */
    public static Reply rateLimited(Duration retryDelay) {
        return failing(GoogleErrors.capacityExhausted("RATE_LIMIT_EXCEEDED", retryDelay));
    }

    /** 429 RESOURCE_EXHAUSTED as the Gemini API sends it: "Please retry in …", QuotaFailure, Help and RetryInfo. */
    public static Reply quotaExceeded(Duration retryDelay) {
        return failing(GoogleErrors.quotaExceeded(retryDelay));
    }

    /** 429 RESOURCE_EXHAUSTED with ErrorInfo QUOTA_EXHAUSTED; clients treat it as terminal until the reset. */
    public static Reply quotaExhausted(Duration resetAfter) {
        return failing(GoogleErrors.capacityExhausted("QUOTA_EXHAUSTED", resetAfter));
    }

    public static Reply serverError() {
        return failing(GoogleErrors.internal());
    }

    public static Reply unavailable() {
        return failing(GoogleErrors.unavailable());
    }

    /** 404 NOT_FOUND, what Cloud Code says about a model it does not serve. */
    public static Reply modelNotFound() {
        return failing(GoogleErrors.notFound("Requested entity was not found."));
    }

    /** 403 PERMISSION_DENIED with ErrorInfo VALIDATION_REQUIRED and a Help link, for this one call only. */
    public static Reply validationRequired(String link) {
        return failing(GoogleErrors.validationRequired(link));
    }

    private static Reply failing(GoogleError error) {
        return new Reply(List.of(), null, null, null, null, null, StreamShape.PLAIN, error, null, 1);
    }

    /** Stays at the head of its queue for every later call. */
    public Reply repeat() {
        return withUses(FOREVER);
    }

    /** Served to the next {@code n} matching calls. */
    public Reply times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        return withUses(n);
    }

    /** An error reply whose body is {@code [{"error":…}]} when it answers a streaming call. */
    public Reply arrayWrapped() {
        requireError();
        return new Reply(chunks, usage, finishReason, modelVersion, responseId, traceId, shape,
                httpError.withArrayWrapped(), streamError, uses);
    }

    /** Adds a {@code google.rpc.ErrorInfo} detail to an error reply, e.g. MODEL_CAPACITY_EXHAUSTED. */
    public Reply withErrorInfo(String reason, String domain, Map<String, String> metadata) {
        requireError();
        return new Reply(chunks, usage, finishReason, modelVersion, responseId, traceId, shape,
                httpError.withDetail(new GoogleError.Detail.ErrorInfo(reason, domain, Map.copyOf(metadata))), streamError, uses);
    }

    /** Adds a {@code google.rpc.RetryInfo} detail to an error reply. */
    public Reply withRetryDelay(Duration delay) {
        requireError();
        return new Reply(chunks, usage, finishReason, modelVersion, responseId, traceId, shape,
                httpError.withDetail(new GoogleError.Detail.RetryInfo(delay)), streamError, uses);
    }

    private Reply withUses(int n) {
        return new Reply(chunks, usage, finishReason, modelVersion, responseId, traceId, shape, httpError, streamError, n,
                grounding);
    }

    private void requireError() {
        if (httpError == null) {
            throw new IllegalStateException("only error replies can carry error details");
        }
    }

    /** Builds a successful reply; every part-adding call starts a new chunk, i.e. a new SSE event. */
    public static final class Builder {
        private final List<Chunk> chunks = new ArrayList<>();
        private Usage usage;
        private String finishReason = "STOP";
        private String modelVersion;
        private String responseId;
        private String traceId;
        private Duration chunkDelay = Duration.ZERO;
        private int disconnectAfter = -1;
        private boolean midEvent;
        private boolean crlf;
        private int holdAfter = -1;
        private CountDownLatch release;
        private GoogleError streamError;
        private boolean joinNext;
        private List<String> queries = List.of();
        private List<Page> pages = List.of();
        private final List<Support> supports = new ArrayList<>();

        private Builder() {}

        /** Each piece becomes its own chunk. */
        public Builder text(String... pieces) {
            for (String piece : pieces) {
                part(new ReplyPart.Text(piece));
            }
            return this;
        }

        /** A {@code {"text":…,"thought":true}} part. */
        public Builder thought(String text) {
            return part(new ReplyPart.Thought(text));
        }

        /** A {@code {"text":"","thought":true,"thoughtSignature":…}} part. */
        public Builder thoughtSignature(String signature) {
            return part(new ReplyPart.Signature(signature));
        }

        public Builder functionCall(String name, Map<String, ?> args) {
            return functionCall(null, name, args, null);
        }

        /** A complete function call; {@code id} and {@code thoughtSignature} may be null. */
        public Builder functionCall(String id, String name, Map<String, ?> args, String thoughtSignature) {
            return part(new ReplyPart.FunctionCall(id, name, Json.valueToTree(args), thoughtSignature));
        }

        /** The next part joins the previous chunk instead of starting one (e.g. parallel calls in one event). */
        public Builder sameChunk() {
            joinNext = true;
            return this;
        }

        /** A chunk without candidates that only reports usage so far. */
        public Builder usageOnlyChunk() {
            chunks.add(new Chunk.UsageOnly());
            return this;
        }

        /** A chunk carrying no parts, e.g. the lone candidate of a SAFETY stop. */
        public Builder emptyChunk() {
            chunks.add(new Chunk.Parts(List.of()));
            return this;
        }

        /** Final usage; without it the fake estimates one from the request and reply text. */
        public Builder usage(int prompt, int candidates, int thoughts, int cached) {
            usage = Usage.of(prompt, candidates, thoughts, cached);
            return this;
        }

        public Builder usage(Usage usage) {
            this.usage = usage;
            return this;
        }

        /** Sent on the last chunk only; STOP unless set. */
        public Builder finishReason(String reason) {
            finishReason = Objects.requireNonNull(reason);
            return this;
        }

        /** Defaults to the requested model. */
        public Builder modelVersion(String value) {
            modelVersion = value;
            return this;
        }

        public Builder responseId(String value) {
            responseId = value;
            return this;
        }

        public Builder traceId(String value) {
            traceId = value;
            return this;
        }

        /** Waits this long before every chunk after the first (and once before a unary answer). */
        public Builder slowChunks(Duration delay) {
            chunkDelay = delay;
            return this;
        }

        /** Closes the connection after {@code events} complete events, without ending the stream properly. */
        public Builder disconnectAfter(int events) {
            disconnectAfter = events;
            midEvent = false;
            return this;
        }

        /** Like {@link #disconnectAfter} but first writes half of the next event's bytes. */
        public Builder disconnectMidEvent(int completeEvents) {
            disconnectAfter = completeEvents;
            midEvent = true;
            return this;
        }

        /**
         * After {@code events} events the stream waits until {@code release} is counted down, so a test can act
         * while a stream is provably open; closing the fake also releases it. A unary answer waits before its headers
         * (and counts as an open stream meanwhile).
         */
        public Builder holdAfter(int events, CountDownLatch release) {
            holdAfter = events;
            this.release = Objects.requireNonNull(release);
            return this;
        }

        /** Frames events with CRLF instead of LF. */
        public Builder crlf() {
            crlf = true;
            return this;
        }

        /** After the chunks, a {@code data: {"error":…}} event ends the stream; a unary call gets the error as HTTP status. */
        public Builder thenError(Reply error) {
            if (error.httpError == null) {
                throw new IllegalArgumentException("thenError needs an error reply");
            }
            streamError = error.httpError;
            return this;
        }

        /** Google Search ran these queries and found these pages (see {@link Grounding}). */
        public Builder grounded(List<String> queries, List<Page> pages) {
            this.queries = List.copyOf(queries);
            this.pages = List.copyOf(pages);
            return this;
        }

        /** The first occurrence of {@code text} in the answer is backed by these pages (positions in {@link #grounded}). */
        public Builder cites(String text, Integer... pages) {
            supports.add(new Support(text, List.of(pages)));
            return this;
        }

        public Reply build() {
            List<Chunk> parts = chunks.isEmpty() && streamError == null ? List.of(new Chunk.Parts(List.of())) : chunks;
            StreamShape shape = new StreamShape(chunkDelay, disconnectAfter, midEvent, crlf, holdAfter, release);
            Grounding grounding = queries.isEmpty() && pages.isEmpty() ? null : new Grounding(queries, pages, supports);
            return new Reply(parts, usage, finishReason, modelVersion, responseId, traceId, shape, null, streamError, 1, grounding);
        }

        private Builder part(ReplyPart part) {
            if (joinNext && !chunks.isEmpty() && chunks.get(chunks.size() - 1) instanceof Chunk.Parts last) {
                List<ReplyPart> joined = new ArrayList<>(last.parts());
                joined.add(part);
                chunks.set(chunks.size() - 1, new Chunk.Parts(joined));
            } else {
                chunks.add(new Chunk.Parts(List.of(part)));
            }
            joinNext = false;
            return this;
        }
    }
}
