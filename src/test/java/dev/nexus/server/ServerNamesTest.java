package dev.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerNamesTest {
    @Test
    void loopbackIsAlwaysAnsweredWhateverThePort() {
        ServerNames names = ServerNames.of("127.0.0.1", List.of());
        assertThat(names.accepts("127.0.0.1:8080")).isTrue();
        assertThat(names.accepts("127.1.2.3")).isTrue();
        assertThat(names.accepts("[::1]:8080")).isTrue();
        assertThat(names.accepts("::1")).isTrue();
        assertThat(names.accepts("localhost")).isTrue();
        assertThat(names.accepts("Dashboard.LocalHost:9")).isTrue();
    }

    @Test
    void otherNamesAndAddressesAreNotAnswered() {
        ServerNames names = ServerNames.of("127.0.0.1", List.of());
        assertThat(names.accepts("attacker.example")).isFalse();
        assertThat(names.accepts("localhost.attacker.example")).isFalse();
        assertThat(names.accepts("127.0.0.1.attacker.example")).isFalse();
        assertThat(names.accepts("192.168.1.20:8080")).isFalse();
        assertThat(names.accepts("[2001:db8::1]:8080")).isFalse();
        assertThat(names.accepts("")).isFalse();
        assertThat(names.accepts("not:a:host:at:all")).isFalse();
    }

    @Test
    void theBindAddressAndListedNamesAreAnswered() {
        ServerNames names = ServerNames.of("192.168.1.20", List.of("nexus.lan", "Gateway.Internal."));
        assertThat(names.accepts("192.168.1.20:8086")).isTrue();
        assertThat(names.accepts("nexus.lan")).isTrue();
        assertThat(names.accepts("gateway.internal:443")).isTrue();
        assertThat(names.accepts("192.168.1.21")).isFalse();
        assertThat(ServerNames.of("nexus.lan", List.of()).accepts("NEXUS.LAN:8080")).isTrue();
    }

    @Test
    void aWildcardBindAnswersTheMachinesOwnAddressesButNoForeignName() {
        ServerNames names = ServerNames.of("0.0.0.0", List.of());
        assertThat(names.accepts("127.0.0.1")).isTrue();
        assertThat(names.accepts("attacker.example")).isFalse();
        assertThat(names.accepts("203.0.113.9")).isFalse();
    }

    @Test
    void aStarInTheListAnswersEveryName() {
        assertThat(ServerNames.of("127.0.0.1", List.of("*")).accepts("anything.example")).isTrue();
    }
}
