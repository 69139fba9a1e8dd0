package dev.nexus.server.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.http.RequestException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/** The request reader as Helidon's chunked decoder and request-line parser use it. */
class RequestReaderTest {
    /** A reader over the given pieces, each one socket read. */
    private static RequestReader reader(Progress progress, String... pieces) {
        Deque<byte[]> reads = new ArrayDeque<>();
        for (String piece : pieces) {
            reads.add(piece.getBytes(StandardCharsets.ISO_8859_1));
        }
        return new RequestReader(reads::poll, progress);
    }

    /** What Helidon 4.5.0's chunked decoder does with the reader: size line, data, CRLF, until a zero size and its end. */
    private static String decode(RequestReader reader) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(reader.readLine(), 16);
            if (size == 0) {
                assertThat(reader.readLine()).as("the line that ends the body").isEmpty();
                return body.toString(StandardCharsets.ISO_8859_1);
            }
            body.writeBytes(reader.readBuffer(size).readBytes());
            reader.skip(2);
        }
    }

    @Test
    void chunkExtensionsAreDroppedAndTrailerFieldsSkipped() {
        RequestReader reader = reader(new Progress(), "5;name=value\r\nhello\r\n6 ; a=\"b;c\" ;d\r\n", " world\r\n0;end\r\nX-Sum: 1\r\n",
                "X-Other: 2\r\n\r\nGET /next");
        assertThat(decode(reader)).isEqualTo("hello world");
        assertThat(reader.readAsciiString(9)).as("what follows the body is untouched").isEqualTo("GET /next");
    }

    @Test
    void aBodyWithoutTrailersEndsAtItsLastChunk() {
        assertThat(decode(reader(new Progress(), "A\r\n0123456789\r\n0\r\n\r\n"))).isEqualTo("0123456789");
    }

    @Test
    void chunkSizesAreHexadecimalWithOptionalExtensionsOnly() {
        assertThat(RequestReader.chunkSize("1a")).isEqualTo(26);
        assertThat(RequestReader.chunkSize("00")).isZero();
        assertThat(RequestReader.chunkSize("7fffffff")).isEqualTo(Integer.MAX_VALUE);
        assertThat(RequestReader.chunkSize("5\t;x")).isEqualTo(5);
        for (String bad : new String[] {"", "zz", "-1", "+1", "5 ", "5x", " 5", "80000000", "0x10", ";x"}) {
            assertThatThrownBy(() -> RequestReader.chunkSize(bad)).as(bad).isInstanceOf(RequestException.class)
                    .satisfies(e -> assertThat(((RequestException) e).status().code()).isEqualTo(400));
        }
    }

    @Test
    void overlongChunkLinesAndTrailersAreRefused() {
        assertThatThrownBy(() -> reader(new Progress(), "1".repeat(RequestReader.MAX_CHUNK_LINE + 10) + "\r\n").readLine())
                .isInstanceOf(RequestException.class).hasMessageContaining("longer than");
        RequestReader trailers = reader(new Progress(), "0\r\n", ("X: " + "y".repeat(RequestReader.MAX_TRAILERS) + "\r\n\r\n"));
        assertThat(trailers.readLine()).isEqualTo("0");
        assertThatThrownBy(trailers::readLine).isInstanceOf(RequestException.class).hasMessageContaining("trailer");
    }

    @Test
    void anHttp10RequestLineIsReadAs11AndMarksTheExchange() {
        Progress progress = new Progress();
        progress.readingRequestLine(() -> true);
        RequestReader reader = reader(progress, "GET / HTTP/1.0\r\n");
        assertThat(new String(reader.readBytes(14), StandardCharsets.US_ASCII)).isEqualTo("GET / HTTP/1.1");
        assertThat(progress.isHttp10()).isTrue();
        assertThat(progress.closeAfterExchange()).isTrue();
    }

    @Test
    void onlyTheRequestLineIsRewritten() {
        Progress progress = new Progress();
        RequestReader reader = reader(progress, " HTTP/1.0");
        assertThat(new String(reader.readBytes(9), StandardCharsets.US_ASCII)).isEqualTo(" HTTP/1.0");
        assertThat(progress.isHttp10()).isFalse();
    }
}
