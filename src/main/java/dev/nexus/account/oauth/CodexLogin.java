package dev.nexus.account.oauth;

import dev.nexus.account.Account;
import dev.nexus.account.AccountRepository;
import dev.nexus.account.CodexAccounts;
import dev.nexus.account.NewAccount;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A ChatGPT login through OpenAI's OAuth with the Codex CLI's public client, as {@code codex login} does it: consent
 * at {@code auth.openai.com} with PKCE S256 and the Codex CLI's extra parameters, the code exchanged with the attempt's
 * verifier, the identity (email, ChatGPT account id, plan) read from the id_token, and the account upserted as provider
 * {@code codex} only when all of that worked. A login of a known email replaces its tokens and re-activates it.
 */
public final class CodexLogin {
    private final OpenAiOAuthClient openai;
    private final AccountRepository accounts;
    private final CodexAccounts codexAccounts;
    private final URI authUrl;

    public CodexLogin(OpenAiOAuthClient openai, AccountRepository accounts, CodexAccounts codexAccounts, URI authUrl) {
        this.openai = openai;
        this.accounts = accounts;
        this.codexAccounts = codexAccounts;
        this.authUrl = authUrl;
    }

    /** The login, with its attempts in {@code flows}. */
    OAuthLogin login(LoginFlows flows) {
        return new PkceLogin(flows, "ChatGPT", this::consentUrl, this::exchangeAndStore);
    }

    /** The Codex CLI's authorize request (protocols.md §5.4): its scopes, PKCE S256, and its simplified-flow flags. */
    URI consentUrl(LoginFlow flow) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", flow.client().clientId());
        query.put("redirect_uri", flow.redirectUri().toString());
        query.put("scope", String.join(" ", flow.client().scopes()));
        query.put("code_challenge", flow.pkce().challenge());
        query.put("code_challenge_method", "S256");
        query.put("id_token_add_organizations", "true");
        query.put("codex_cli_simplified_flow", "true");
        query.put("state", flow.state());
        query.put("originator", "codex_cli_rs");
        return URI.create(authUrl + (authUrl.getRawQuery() == null ? "?" : "&") + query.entrySet().stream()
                .map(e -> ConsentUrl.encode(e.getKey()) + "=" + ConsentUrl.encode(e.getValue())).collect(Collectors.joining("&")));
    }

    private LoginResult exchangeAndStore(CallbackParams params, LoginFlow flow) throws LoginException {
        if (params.error().isPresent()) {
            if (params.error().get().equals("access_denied")) {
                throw new LoginException(LoginException.Reason.DENIED, "access was not granted on OpenAI's sign-in page,"
                        + " so no account was added or changed; to add the account, start the login again and continue");
            }
            throw new LoginException(LoginException.Reason.OPENAI_FAILED, "OpenAI ended the login with error="
                    + params.error().get() + params.errorDescription().map(d -> " (" + d + ")").orElse("")
                    + "; no account was added or changed (start the login again)");
        }
        OpenAiOAuthClient.Grant grant;
        try {
            grant = openai.exchangeCode(params.code().orElseThrow(), flow.pkce().verifier(), flow.redirectUri());
        } catch (OAuthException e) {
            throw new LoginException(LoginException.Reason.OPENAI_FAILED, e.getMessage(), e);
        }
        ChatGptIdentity identity = grant.idToken().map(ChatGptIdentity::of)
                .orElse(new ChatGptIdentity(Optional.empty(), Optional.empty(), Optional.empty()))
                .or(ChatGptIdentity.of(grant.accessToken().reveal()));
        String email = identity.email().orElseThrow(() -> new LoginException(LoginException.Reason.OPENAI_FAILED,
                "OpenAI's tokens name no email, so Nexus cannot tell which ChatGPT account this is; start the login again"));
        var refreshToken = grant.refreshToken().orElseThrow(() -> new LoginException(LoginException.Reason.OPENAI_FAILED,
                "OpenAI granted no refresh token, so Nexus could not keep the account signed in; start the login again"));
        AccountRepository.Upserted stored = accounts.upsert(new NewAccount(Account.CODEX, email, refreshToken,
                Optional.of(grant.accessToken()), Optional.of(grant.expiresAt()), Optional.empty(), identity.plan(),
                Optional.empty()));
        identity.chatgptAccountId().ifPresent(id -> codexAccounts.setChatgptAccountId(stored.account().id(), id));
        // A login is its own source of tokens: an auth.json this account was imported from no longer speaks for it.
        codexAccounts.linkAuthFile(stored.account().id(), Optional.empty());
        return new LoginResult(stored.created(), stored.account());
    }
}
