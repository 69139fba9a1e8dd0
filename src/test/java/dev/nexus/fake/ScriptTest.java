package dev.nexus.fake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScriptTest {
    private final FakeGoogle fake = FakeGoogle.start();
    private final TestHttp http = new TestHttp();

    @AfterEach
    void close() {
        fake.close();
    }

    private String reply(String email, String project, String model) {
        TestHttp.Response response = http.postJson(fake.cloudCodeBaseUrl() + ":generateContent", fake.issueAccessToken(email),
                TestHttp.envelope(project, model, "hi"));
        return response.json().at("/response/candidates/0/content/parts/0/text").asText();
    }

    @Test
    void eachAccountIsAnsweredFromItsOwnQueueBeforeTheSharedOne() {
        fake.addAccount("a@example.com", "pa");
        fake.addAccount("b@example.com", "pb");
        fake.script()
                .enqueue(Reply.text("shared"))
                .enqueueForAccount("b@example.com", Reply.text("for b"))
                .enqueue("a@example.com", "gemini-3-flash", Reply.text("for a on flash"));

        assertThat(reply("b@example.com", "pb", "gemini-3-flash")).isEqualTo("for b");
        assertThat(reply("a@example.com", "pa", "claude-sonnet-4-5")).isEqualTo("shared");
        assertThat(reply("a@example.com", "pa", "gemini-3-flash")).isEqualTo("for a on flash");
        assertThat(reply("b@example.com", "pb", "gemini-3-flash")).isEqualTo("Hello from fake");
        assertThat(fake.script().pending()).isZero();
    }

    @Test
    void modelQueueIsUsedForAnyAccount() {
        fake.addAccount("a@example.com", "pa");
        fake.script().enqueueForModel("claude-opus-4-6-thinking", Reply.text("opus"));

        assertThat(reply("a@example.com", "pa", "gemini-3-flash")).isEqualTo("Hello from fake");
        assertThat(reply("a@example.com", "pa", "claude-opus-4-6-thinking")).isEqualTo("opus");
    }

    @Test
    void timesServesAReplyThatManyCallsAndRepeatServesItForever() {
        fake.addAccount("a@example.com", "pa");
        fake.script().enqueue(Reply.text("twice").times(2)).enqueue(Reply.text("always").repeat());

        assertThat(fake.script().pending()).isEqualTo(2);
        assertThat(reply("a@example.com", "pa", "gemini-3-flash")).isEqualTo("twice");
        assertThat(reply("a@example.com", "pa", "gemini-3-flash")).isEqualTo("twice");
        for (int i = 0; i < 3; i++) {
            assertThat(reply("a@example.com", "pa", "gemini-3-flash")).isEqualTo("always");
        }
    }
}
