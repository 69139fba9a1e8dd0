package dev.nexus.account.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.testing.FakeJwt;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChatGptIdentityTest {

    @Test
    void readsTheEmailAccountIdAndPlanFromTheIdTokensClaims() {
        ChatGptIdentity identity = ChatGptIdentity.of(FakeJwt.withClaims("{\"email\":\"coder@example.com\","
                + "\"https://api.openai.com/auth\":{\"chatgpt_account_id\":\"acc-1\",\"chatgpt_plan_type\":\"pro\"}}"));

        assertThat(identity.email()).contains("coder@example.com");
        assertThat(identity.chatgptAccountId()).contains("acc-1");
        assertThat(identity.plan()).contains("pro");
    }

    @Test
    void theProfileClaimStandsInForAMissingEmailAndTheAccessTokenFillsGaps() {
        ChatGptIdentity fromId = ChatGptIdentity.of(FakeJwt.withClaims("{\"https://api.openai.com/profile\":{\"email\":\"p@example.com\"}}"));
        ChatGptIdentity fromAccess = ChatGptIdentity.of(FakeJwt.withClaims(
                "{\"https://api.openai.com/auth\":{\"chatgpt_account_id\":\"acc-2\"},\"exp\":1795000000}"));

        ChatGptIdentity merged = fromId.or(fromAccess);

        assertThat(merged.email()).contains("p@example.com");
        assertThat(merged.chatgptAccountId()).contains("acc-2");
        assertThat(merged.plan()).isEmpty();
        assertThat(ChatGptIdentity.expiry(FakeJwt.withClaims("{\"exp\":1795000000}"))).contains(Instant.ofEpochSecond(1795000000L));
    }

    @Test
    void textThatIsNoJwtNamesNobody() {
        assertThat(ChatGptIdentity.of("rt_not-a-jwt").email()).isEmpty();
        assertThat(ChatGptIdentity.of("").chatgptAccountId()).isEmpty();
        assertThat(ChatGptIdentity.expiry("a.b.c")).isEmpty();
    }
}
