package dev.nexus.upstream;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The upstream calls open right now, so that shutdown can end them at its deadline: a call still waiting for response
 * headers is woken by interrupting its thread (the interrupt is consumed and becomes a {@link Cut}); a call whose body
 * is streaming has the body closed under it, so its reader sees the end at once instead of waiting for the upstream.
 * Either way the request's own thread then answers its client properly. Once cut, no new call starts.
 */
public final class CallsInFlight {
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

    Call enter() throws Cut {
        String reason = cutReason;
        if (reason != null) {
            throw new Cut(reason);
        }
        Call call = new Call(Thread.currentThread());
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

    Cut cut() {
        return new Cut(cutReason == null ? "the call was cut" : cutReason);
    }

    /** An upstream call that shutdown ended; the message says why. */
    public static final class Cut extends IOException {
        Cut(String reason) {
            super(reason);
        }
    }

    /** One call's state; the lock orders a cut against the call leaving its header wait. */
    static final class Call {
        private final Thread thread;
        private boolean awaitingHeaders = true;
        private boolean cut;
        private Runnable closeBody;

        Call(Thread thread) {
            this.thread = thread;
        }

        synchronized void cut() {
            if (cut) {
                return;
            }
            cut = true;
            if (awaitingHeaders) {
                thread.interrupt();
            } else if (closeBody != null) {
                closeBody.run();
            }
        }

        /**
         * The header wait is over (answered or failed); from now on a cut closes {@code closeBody}. Returns whether the
         * call was cut, in which case the interrupt that woke the thread is cleared here: it was this class's signal,
         * and left set it would make the thread's next socket write to its own client fail.
         */
        synchronized boolean headersDone(Runnable closeBody) {
            awaitingHeaders = false;
            this.closeBody = closeBody;
            if (cut) {
                Thread.interrupted();
            }
            return cut;
        }

        synchronized boolean wasCut() {
            return cut;
        }
    }
}
