package dev.nexus.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes log lines to standard error from one background thread, the lines of a few milliseconds in one write. A line
 * is encoded on the thread that logs it and queued; the request thread never blocks on the terminal or the file behind
 * stderr. Writing each line where it was logged cost a system call per request, and, from a virtual thread, a carrier
 * thread to compensate for the blocked one: together about a twentieth of a fast-path request's CPU.
 *
 * <p>A line waits at most {@link #GATHER} before it is written. At exit a shutdown hook writes what is queued and from
 * then on lines are written where they are logged, so the last lines of a stopping server are never lost; only a
 * process killed outright can lose the last few milliseconds of lines.
 */
public final class StderrLines extends UnsynchronizedAppenderBase<ILoggingEvent> {
    static final Duration GATHER = Duration.ofMillis(10);

    private final Queue<byte[]> queued = new ConcurrentLinkedQueue<>();
    /** A permit per queued line, so the writer sleeps while nothing is queued. */
    private final Semaphore waiting = new Semaphore(0);
    /** Held while lines leave the queue for stderr: by the writer, or by the exit hook and whoever logs after it. */
    private final ReentrantLock writing = new ReentrantLock();
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream(8192);
    private volatile boolean direct;
    private Encoder<ILoggingEvent> encoder;

    /** Set by {@link LogConfiguration} (or a Logback file's {@code <encoder>}). */
    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for appender " + name);
            return;
        }
        Thread.ofPlatform().name("nexus-log-writer").daemon().start(this::writeUntilExit);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("nexus-log-flush").unstarted(this::writeDirectly));
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        queued.add(encoder.encode(event));
        if (direct) {
            writeQueued();
        } else {
            waiting.release();
        }
    }

    private void writeUntilExit() {
        try {
            while (!direct) {
                waiting.acquire();
                Thread.sleep(GATHER);
                waiting.drainPermits();
                writeQueued();
            }
        } catch (InterruptedException e) {
            writeQueued();
        }
    }

    /** From now on each line is written as it is logged; what waits is written first. */
    void writeDirectly() {
        direct = true;
        writeQueued();
    }

    /** Everything queued now, in one write (bounded, so one huge burst is not one huge buffer). */
    private void writeQueued() {
        writing.lock();
        try {
            PrintStream err = System.err; // read each time: a test or tool may have replaced it
            byte[] line;
            while ((line = queued.poll()) != null) {
                batch.writeBytes(line);
                if (batch.size() >= 64 * 1024) {
                    flush(err);
                }
            }
            flush(err);
        } finally {
            writing.unlock();
        }
    }

    private void flush(PrintStream err) {
        if (batch.size() > 0) {
            try {
                batch.writeTo(err);
            } catch (IOException e) {
                // PrintStream does not throw; kept for ByteArrayOutputStream's signature.
            }
            err.flush();
            batch.reset();
        }
    }
}
