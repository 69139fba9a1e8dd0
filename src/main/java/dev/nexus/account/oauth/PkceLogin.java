package dev.nexus.account.oauth;

import dev.nexus.secret.Masks;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider-neutral half of an authorization-code login with PKCE: the attempt's state and verifier
 * ({@link LoginFlows}), claiming the attempt a redirect names, and settling it exactly once with what the provider's
 * half — its consent URL, and redeeming the code into a stored account — made of it. Failures are logged without
 * secrets, and a bug while storing becomes a {@link LoginException.Reason#FAILED} the person can act on.
 */
final class PkceLogin implements OAuthLogin {
    private static final Logger LOG = LoggerFactory.getLogger(PkceLogin.class);

    /** The provider-specific part: exchange the code and store the account. */
    interface Redemption {
        LoginResult redeem(CallbackParams params, LoginFlow flow) throws LoginException;
    }

    private final LoginFlows flows;
    private final String provider;
    private final Function<LoginFlow, URI> consentUrl;
    private final Redemption redemption;

    /** @param provider the identity provider's name for logs and messages ("Google", "ChatGPT") */
    PkceLogin(LoginFlows flows, String provider, Function<LoginFlow, URI> consentUrl, Redemption redemption) {
        this.flows = flows;
        this.provider = provider;
        this.consentUrl = consentUrl;
        this.redemption = redemption;
    }

    @Override
    public Duration lifetime() {
        return flows.lifetime();
    }

    @Override
    public LoginAttempt start(URI redirectUri, OAuthClientProfile client) throws LoginException {
        LoginFlow flow = flows.start(redirectUri, client);
        return new LoginAttempt(flow, consentUrl.apply(flow));
    }

    @Override
    public LoginResult complete(CallbackParams params) throws LoginException {
        return finish(params, flows.claim(params.requireRedirect()));
    }

    @Override
    public LoginResult complete(CallbackParams params, LoginFlow only) throws LoginException {
        return finish(params, flows.claim(params.requireRedirect(), only));
    }

    @Override
    public void abandon(LoginFlow flow, LoginException why) {
        flows.abandon(flow, why);
    }

    private LoginResult finish(CallbackParams params, LoginFlow flow) throws LoginException {
        try {
            LoginResult result = redemption.redeem(params, flow);
            LOG.info("{} login of {} {}: account {}, OAuth client {}", provider, Masks.email(result.email()),
                    result.created() ? "added" : "renewed", result.account().id(), flow.client().name());
            flow.succeed(result);
            return result;
        } catch (LoginException e) {
            LOG.info("{} login failed ({}): {}", provider, e.reason(), e.getMessage());
            flow.fail(e);
            throw e;
        } catch (RuntimeException e) {
            LOG.error("{} login failed while storing the account", provider, e);
            LoginException failed = new LoginException(LoginException.Reason.FAILED, provider + " confirmed the login, but"
                    + " Nexus could not store the account (the server log has the details); try again", e);
            flow.fail(failed);
            throw failed;
        }
    }
}
