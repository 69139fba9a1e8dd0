package dev.nexus.fake;

/**
 * A ChatGPT user of {@link FakeOpenAi}, as a test sees it.
 *
 * @param chatgptAccountId what the Codex backend expects in {@code ChatGPT-Account-ID}, and the id_token's
 *     {@code chatgpt_account_id} claim
 * @param plan {@code chatgpt_plan_type}: free, plus, pro, team, …
 * @param refreshToken the current refresh token (after rotations, the newest)
 */
public record FakeChatGptAccount(String email, String chatgptAccountId, String userId, String plan, String refreshToken) {

    FakeChatGptAccount withRefreshToken(String token) {
        return new FakeChatGptAccount(email, chatgptAccountId, userId, plan, token);
    }
}
