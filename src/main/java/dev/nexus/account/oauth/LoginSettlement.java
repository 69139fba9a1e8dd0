package dev.nexus.account.oauth;

import dev.nexus.secret.Masks;
import org.slf4j.Logger;

/**
 * Ends a claimed login attempt with the outcome of its provider-specific redemption (code exchange, identity, store),
 * the same for every provider: the attempt is settled exactly once, failures are logged without secrets, and a bug
 * while storing becomes a {@link LoginException.Reason#FAILED} the person can act on.
 */
final class LoginSettlement {
    private LoginSettlement() {}

    /** The provider-specific part: exchange the code and store the account. */
    interface Redemption {
        LoginResult redeem() throws LoginException;
    }

    static LoginResult settle(LoginFlow flow, String provider, Logger log, Redemption redemption) throws LoginException {
        try {
            LoginResult result = redemption.redeem();
            log.info("{} login of {} {}: account {}, OAuth client {}", provider, Masks.email(result.email()),
                    result.created() ? "added" : "renewed", result.account().id(), flow.client().name());
            flow.succeed(result);
            return result;
        } catch (LoginException e) {
            log.info("{} login failed ({}): {}", provider, e.reason(), e.getMessage());
            flow.fail(e);
            throw e;
        } catch (RuntimeException e) {
            log.error("{} login failed while storing the account", provider, e);
            LoginException failed = new LoginException(LoginException.Reason.FAILED, provider + " confirmed the login, but"
                    + " Nexus could not store the account (the server log has the details); try again", e);
            flow.fail(failed);
            throw failed;
        }
    }
}
