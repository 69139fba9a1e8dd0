package dev.nexus.server.http1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Helidon's HTTP/1.1 answers rewritten for an HTTP/1.0 client, however the writes split them. */
class Http10AnswerTest {
    private static final String CHUNKED = "HTTP/1.1 200 OK\r\nDate: x\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n"
            + "Content-Type: text/event-stream\r\n\r\n"
            + "d\r\ndata: hello\n\n\r\n" + "e;x=y\r\ndata: [DONE]\n\n\r\n" + "0\r\n\r\n";
    private static final String CHUNKED_AS_10 = "HTTP/1.0 200 OK\r\nDate: x\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
            + "data: hello\n\ndata: [DONE]\n\n";

    /** Feeds the answer in pieces cut at the given offsets. */
    private static String rewrite(String answer, int... cuts) {
        Http10Answer http10 = new Http10Answer();
        byte[] bytes = answer.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int from = 0;
        for (int cut : cuts) {
            out.writeBytes(http10.rewrite(Arrays.copyOfRange(bytes, from, cut)));
            from = cut;
        }
        out.writeBytes(http10.rewrite(Arrays.copyOfRange(bytes, from, bytes.length)));
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aChunkedAnswerIsSentPlainWithA10StatusLineAndConnectionClose() {
        assertThat(rewrite(CHUNKED)).isEqualTo(CHUNKED_AS_10);
    }

    @Test
    void theRewriteDoesNotDependOnWhereWritesSplitTheAnswer() {
        for (int a = 0; a <= CHUNKED.length(); a += 3) {
            for (int b = a; b <= CHUNKED.length(); b += 7) {
                assertThat(rewrite(CHUNKED, a, b)).as("cut at " + a + " and " + b).isEqualTo(CHUNKED_AS_10);
            }
        }
    }

    @Test
    void aSizedAnswerKeepsItsLengthAndBody() {
        String answer = "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
        assertThat(rewrite(answer, 5)).isEqualTo("HTTP/1.0 404 Not Found\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    }

    @Test
    void anInterimAnswerIsNotSentToA10Client() {
        String answer = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        assertThat(rewrite(answer)).isEqualTo("HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }
}
