package dev.nexus.front;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Reads of an answer still arriving, for tests that prove a relay passes bytes on before the upstream has finished. */
final class LiveReads {
    private LiveReads() {}

    /** Reads until the text contains the marker; fails instead of hanging when it does not arrive in time. */
    static String until(InputStream in, String marker, Duration deadline) throws Exception {
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    seen.write(b);
                    if (seen.toString(StandardCharsets.UTF_8).contains(marker)) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return seen.toString(StandardCharsets.UTF_8);
        }, command -> Thread.ofVirtual().start(command));
        return read.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }
}
