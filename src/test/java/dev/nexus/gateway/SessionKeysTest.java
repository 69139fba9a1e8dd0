package dev.nexus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Message;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionKeysTest {
    private static ChatRequest conversation(String first, String... later) {
        List<Message> messages = new java.util.ArrayList<>(List.of(Message.user(first)));
        for (String text : later) {
            messages.add(Message.assistant("ok"));
            messages.add(Message.user(text));
        }
        return ChatRequest.of("m", messages);
    }

    @Test
    void laterTurnsOfOneConversationShareItsKey() {
        assertThat(SessionKeys.of(conversation("plan a trip", "to Rome"))).isEqualTo(SessionKeys.of(conversation("plan a trip")));
        assertThat(SessionKeys.of(conversation("plan a party"))).isNotEqualTo(SessionKeys.of(conversation("plan a trip")));
    }

    @Test
    void aClientSessionIdWinsOverTheHash() {
        ChatRequest base = conversation("hi");
        ChatRequest withSession = new ChatRequest("m", List.of(), base.messages(), List.of(), base.toolChoice(), base.parallelToolCalls(),
                base.generation(), base.responseFormat(), base.reasoning(), false, false, Map.of("session_id", "abc"));
        assertThat(SessionKeys.of(withSession)).contains("session_id:abc");
    }

    @Test
    void aRequestWithoutUserTextHasNoKey() {
        assertThat(SessionKeys.of(ChatRequest.of("m", List.of(Message.assistant("x"))))).isEmpty();
    }

    @Test
    void aGeminiBodyIsKeyedByItsSessionIdOrItsFirstUserContent() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var first = json.readTree("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"plan a trip\"}]}]}");
        var later = json.readTree("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"plan a trip\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"text\":\"ok\"}]},{\"role\":\"user\",\"parts\":[{\"text\":\"to Rome\"}]}]}");
        var other = json.readTree("{\"contents\":[{\"parts\":[{\"text\":\"plan a party\"}]}]}");
        assertThat(SessionKeys.ofGemini(later)).isEqualTo(SessionKeys.ofGemini(first)).isPresent();
        assertThat(SessionKeys.ofGemini(other)).isNotEqualTo(SessionKeys.ofGemini(first));
        assertThat(SessionKeys.ofGemini(json.readTree("{\"session_id\":\"s-1\",\"contents\":[]}"))).contains("session_id:s-1");
        assertThat(SessionKeys.ofGemini(json.readTree("{\"contents\":[]}"))).isEmpty();
    }
}
