package dev.nexus.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a body to its end into one array. When the sender declared the length (Content-Length), the array is that
 * long from the start and the stream is asked for exactly that many bytes: {@link InputStream#readAllBytes()} reads in
 * 16 KiB steps, and Helidon's entity streams allocate a buffer as large as each read asks for, so a 300-byte chat
 * answer cost ~50 KiB of garbage per request that way. The declaration is a hint, not trusted: a length above
 * {@link #EXACT_UP_TO} is read in steps as before (a client may declare a gigabyte and send nothing), a body that ends
 * early is returned as it came (the stream itself reports a broken framing), and one that runs on is read to its end.
 */
public final class WholeBody {
    /**
     * The largest declared length allocated at once. Kept small because a client can declare a length and then send
     * nothing: each such connection would hold an array of that size. Longer bodies pay the step-wise read, which for
     * them is a small share.
     */
    public static final int EXACT_UP_TO = 64 * 1024;

    private WholeBody() {}

    /** The whole of {@code in}, whose sender declared {@code declaredLength} bytes (negative: not declared). */
    public static byte[] read(InputStream in, long declaredLength) throws IOException {
        if (declaredLength < 0 || declaredLength > EXACT_UP_TO) {
            return in.readAllBytes();
        }
        byte[] bytes = new byte[(int) declaredLength];
        int read = in.readNBytes(bytes, 0, bytes.length);
        if (read < bytes.length) {
            return Arrays.copyOf(bytes, read);
        }
        int next = in.read();
        if (next < 0) {
            return bytes;
        }
        ByteArrayOutputStream longer = new ByteArrayOutputStream(bytes.length * 2 + 1);
        longer.write(bytes);
        longer.write(next);
        in.transferTo(longer);
        return longer.toByteArray();
    }
}
