package dev.nexus.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WholeBodyTest {
    private static final byte[] BODY = "{\"model\":\"m\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aDeclaredLengthIsAskedForInOneReadOfExactlyThatSize() throws IOException {
        Recording in = new Recording(BODY);
        assertThat(WholeBody.read(in, BODY.length)).isEqualTo(BODY);
        assertThat(in.asked.get(0)).isEqualTo(BODY.length);
        assertThat(in.asked).allSatisfy(len -> assertThat(len).isLessThanOrEqualTo(BODY.length));
    }

    @Test
    void anUndeclaredOrHugeLengthIsReadToTheEndAsBefore() throws IOException {
        assertThat(WholeBody.read(new ByteArrayInputStream(BODY), -1)).isEqualTo(BODY);
        assertThat(WholeBody.read(new ByteArrayInputStream(BODY), Long.MAX_VALUE)).isEqualTo(BODY);
        assertThat(WholeBody.read(new ByteArrayInputStream(BODY), WholeBody.EXACT_UP_TO + 1L)).isEqualTo(BODY);
    }

    @Test
    void aBodyShorterThanDeclaredIsWhatCame() throws IOException {
        assertThat(WholeBody.read(new ByteArrayInputStream(BODY), BODY.length + 100)).isEqualTo(BODY);
        assertThat(WholeBody.read(new ByteArrayInputStream(new byte[0]), 10)).isEmpty();
    }

    @Test
    void aBodyLongerThanDeclaredIsReadToItsEnd() throws IOException {
        assertThat(WholeBody.read(new ByteArrayInputStream(BODY), 3)).isEqualTo(BODY);
        assertThat(WholeBody.read(new ByteArrayInputStream(BODY), 0)).isEqualTo(BODY);
    }

    @Test
    void anEmptyDeclaredBodyIsEmpty() throws IOException {
        assertThat(WholeBody.read(new ByteArrayInputStream(new byte[0]), 0)).isEmpty();
    }

    /** Remembers how many bytes each read asked for, as Helidon sizes its buffers by it. */
    private static final class Recording extends ByteArrayInputStream {
        final List<Integer> asked = new ArrayList<>();

        Recording(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            asked.add(len);
            return super.read(b, off, len);
        }

        @Override
        public synchronized int read() {
            asked.add(1);
            return super.read();
        }

        @Override
        public int read(byte[] b) throws IOException {
            return read(b, 0, b.length);
        }

        @Override
        public synchronized byte[] readAllBytes() {
            throw new AssertionError("a declared length must not be read in 16 KiB steps");
        }

        @Override
        public synchronized long transferTo(java.io.OutputStream out) throws IOException {
            return InputStream.nullInputStream().transferTo(out) + super.transferTo(out);
        }
    }
}
