/**
 * ChatGPT (Codex) accounts beyond what every account has (their details are {@link dev.nexus.account.CodexAccounts}):
 * the Codex CLI {@code auth.json} an imported account stays linked to ({@link dev.nexus.account.codex.AuthFile}), and
 * their access tokens ({@link dev.nexus.account.codex.CodexTokens}, the {@link dev.nexus.account.TokenSource} the
 * credential core calls for provider {@code codex}).
 *
 * <p>Contract: OpenAI rotates refresh tokens, so a refresh stores the new refresh token with the new access token in
 * one transaction and writes both back to a linked file; a refused refresh token moves the account to
 * {@code needs_relogin}. Messages and logs never contain a token.
 *
 * <p>Threading: {@code CodexTokens} is thread-safe, refreshing at most once at a time per account. Depends on
 * {@code account}, {@code account.oauth} (OpenAI's token endpoint, JWT claims), {@code secret} and Jackson.
 */
package dev.nexus.account.codex;
