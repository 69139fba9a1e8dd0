package dev.nexus.upstream;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream calls open right now, so that shutdown can end them at its deadline: a call still waiting for response
 * headers has its connection closed (or, still connecting, its thread interrupted), which its thread reports as a
 * {@link Cut}; a call whose body is streaming has the body closed under it, so its reader sees the end at once instead
 * of waiting for the upstream.
 * Either way the request's own thread then answers its client properly. Once cut, no new call starts.
 *
 * <p>The same registry bounds each call's waiting ({@link #expireOverdue}, run a few times a second): a call past its
 * headers deadline has its connection closed, and so has a body that sent nothing for the silence bound. Sockets are
 * read without a timeout of their own: a timed read of a virtual thread schedules and cancels a timer each time it
 * waits, which cost more CPU per fast-path call than this whole check (bench/README.md).
 */
public final class CallsInFlight {
    private static final Logger LOG = LoggerFactory.getLogger(CallsInFlight.class);
    private final Set<Call> open = ConcurrentHashMap.newKeySet();
    private volatile String cutReason;

    /** Ends every open call, and every later one, with a {@link Cut} carrying {@code reason}. */
    public void cutAll(String reason) {
        cutReason = reason;
        for (Call call : open) {
            call.cut();
        }
    }

    /** Why calls are being cut, once shutdown has begun to cut them. */
    public Optional<String> cutReason() {
        return Optional.ofNullable(cutReason);
    }

    public int open() {
        return open.size();
    }

    /** @param headersDeadline {@link System#nanoTime()} after which the call stops waiting for response headers */
    Call enter(long headersDeadline) throws Cut {
        String reason = cutReason;
        if (reason != null) {
            throw new Cut(reason);
        }
        Call call = new Call(Thread.currentThread(), headersDeadline);
        open.add(call);
        if (cutReason != null) {
            // cutAll ran between the check and the add and may have missed this call.
            call.cut();
        }
        return call;
    }

    void exit(Call call) {
        open.remove(call);
    }

    /**
     * Ends the calls that waited too long: past their headers deadline, or (body streaming) with no byte read for
     * {@code silenceNanos}. Their readers then fail, and {@link Call#expired()} says why.
     */
    void expireOverdue(long now, long silenceNanos) {
        for (Call call : open) {
            try {
                call.expireIfOverdue(now, silenceNanos);
            } catch (RuntimeException e) {
                // Closing failed; the call is marked and its reader fails on its own. The watch must go on: a task that
                // throws is never run again by its executor.
                LOG.debug("could not close an overdue upstream call: {}", e.toString());
            }
        }
    }

    Cut cut() {
        return new Cut(cutReason == null ? "the call was cut" : cutReason);
    }

    /** An upstream call that shutdown ended; the message says why. */
    public static final class Cut extends IOException {
        Cut(String reason) {
            super(reason);
        }
    }

    /** Why a call stopped waiting before its answer was complete. */
    enum Expiry { HEADERS, BODY_SILENCE }

    /** One call's state; the lock orders a cut or an expiry against the call leaving its header wait. */
    static final class Call {
        private final Thread thread;
        private final long headersDeadline;
        private boolean awaitingHeaders = true;
        private boolean cut;
        /** Whether the cut interrupted the thread, which {@link #headersDone} then clears. */
        private boolean interrupted;
        private Expiry expired;
        /** Closes the connection while the call waits for headers; null until it has one. */
        private Runnable abort;
        private Runnable closeBody;
        /** Bumped by the body's reader on every read; the watch compares it with what it saw last. */
        private volatile long reads;
        private long seenReads;
        private long seenAt;

        Call(Thread thread, long headersDeadline) {
            this.thread = thread;
            this.headersDeadline = headersDeadline;
        }

        /** What closes the call's connection, once it has one; run at once when the deadline has already passed. */
        synchronized void abortWith(Runnable abort) {
            this.abort = abort;
            if (expired != null || cut) {
                abort.run();
            }
        }

        /** The body's reader got bytes (or the end). */
        void read() {
            reads++;
        }

        synchronized void expireIfOverdue(long now, long silenceNanos) {
            if (cut || expired != null) {
                return;
            }
            if (awaitingHeaders) {
                if (now - headersDeadline > 0) {
                    expired = Expiry.HEADERS;
                    if (abort != null) {
                        abort.run();
                    }
                }
                return;
            }
            long r = reads;
            if (r != seenReads) {
                seenReads = r;
                seenAt = now;
            } else if (now - seenAt > silenceNanos) {
                expired = Expiry.BODY_SILENCE;
                if (closeBody != null) {
                    closeBody.run();
                }
            }
        }

        /** Why the call stopped waiting, when it did. */
        synchronized Optional<Expiry> expired() {
            return Optional.ofNullable(expired);
        }

        synchronized void cut() {
            if (cut) {
                return;
            }
            cut = true;
            if (awaitingHeaders) {
                // Closing the connection wakes any reader, as the watch does; before there is one (still connecting),
                // only an interrupt reaches the thread.
                if (abort != null) {
                    abort.run();
                } else {
                    interrupted = true;
                    thread.interrupt();
                }
            } else if (closeBody != null) {
                closeBody.run();
            }
        }

        /**
         * The header wait is over (answered or failed); from now on a cut closes {@code closeBody}. Returns whether the
         * call was cut. An interrupt the cut sent is cleared here: it was this class's signal, and left set it would make
         * the thread's next socket write to its own client fail.
         */
        synchronized boolean headersDone(Runnable closeBody) {
            awaitingHeaders = false;
            this.closeBody = closeBody;
            this.seenAt = System.nanoTime();
            if (interrupted) {
                Thread.interrupted();
            }
            return cut;
        }

        synchronized boolean wasCut() {
            return cut;
        }
    }
}
