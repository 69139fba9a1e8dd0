package dev.nexus.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class FailureTextTest {
    @Test
    void classNamesAreLeftOutOfWrappedMessages() {
        IOException wrapped = new IOException(new SocketException("Connection reset"));
        assertThat(wrapped.getMessage()).isEqualTo("java.net.SocketException: Connection reset");
        assertThat(FailureText.of(wrapped)).isEqualTo("Connection reset");
        assertThat(FailureText.of(new UncheckedIOException(wrapped))).isEqualTo("Connection reset");
        assertThat(FailureText.withoutClassNames("io.helidon.common.buffers.DataReader$InsufficientDataAvailableException"))
                .isEmpty();
    }

    @Test
    void aFailureWithoutAMessageIsDescribedByWhatItMeans() {
        assertThat(FailureText.of(new ConnectException())).isEqualTo("connection refused");
        assertThat(FailureText.of(new RuntimeException(new InsufficientDataAvailableException())))
                .isEqualTo("the connection closed before the answer was complete");
        assertThat(FailureText.of(new IllegalStateException())).isEqualTo("the connection failed");
    }

    @Test
    void anUnknownHostIsNamed() {
        assertThat(FailureText.of(new UnknownHostException("cloudcode.invalid"))).isEqualTo("unknown host cloudcode.invalid");
    }

    /** Named like Helidon's, which has no message. */
    private static final class InsufficientDataAvailableException extends RuntimeException {}
}
