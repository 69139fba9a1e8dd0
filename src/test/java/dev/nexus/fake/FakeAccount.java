package dev.nexus.fake;

/**
 * A Google user known to the fake, as it stood when this snapshot was taken. Control the account through
 * {@link FakeGoogle} (expire its tokens, revoke its refresh token, suspend it, …); take a fresh snapshot with
 * {@link FakeGoogle#account(String)} to see a rotated refresh token.
 *
 * @param projectId the Cloud Code project the account is (or becomes, after onboarding) bound to
 * @param tierId the tier loadCodeAssist reports, e.g. {@code standard-tier}, {@code free-tier}, {@code g1-pro-tier}
 * @param refreshToken the most recently issued refresh token
 * @param userId Google's stable numeric subject id, as userinfo and the id_token report it
 */
public record FakeAccount(String email, String projectId, String tierId, String refreshToken, String userId) {}
