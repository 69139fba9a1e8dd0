package dev.nexus.account.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackParamsTest {

    @Test
    void aPastedRedirectUrlYieldsItsStateAndCode() throws Exception {
        CallbackParams params = CallbackParams.fromPastedUrl(
                "http://localhost:51121/oauth-callback?state=abc_-1&code=4%2F0AbCd&scope=email%20profile");

        assertThat(params.state()).contains("abc_-1");
        assertThat(params.code()).contains("4/0AbCd");
        assertThat(params.error()).isEmpty();
        assertThat(params.requireRedirect()).isEqualTo("abc_-1");
        assertThat(params.toString()).doesNotContain("abc_-1").doesNotContain("4/0AbCd");
    }

    @Test
    void blanksQuotesAngleBracketsAndFragmentsAroundThePasteAreTolerated() throws Exception {
        assertThat(CallbackParams.fromPastedUrl("  '<http://localhost:1/oauth-callback?code=c&state=s#x>'\n").state()).contains("s");
        assertThat(CallbackParams.fromPastedUrl("\"state=s&code=c\"").code()).contains("c");
    }

    @Test
    void aDeniedConsentCarriesTheError() throws Exception {
        CallbackParams params = CallbackParams.fromQuery("error=access_denied&state=s");

        assertThat(params.error()).contains("access_denied");
        assertThat(params.code()).isEmpty();
        assertThat(params.requireRedirect()).isEqualTo("s");
    }

    @Test
    void pastingTheConsentUrlInsteadOfTheRedirectIsRefusedBeforeAnyAttemptIsUsedUp() throws Exception {
        CallbackParams consent = CallbackParams.fromPastedUrl(
                "https://accounts.google.com/o/oauth2/v2/auth?response_type=code&state=s&code_challenge=x");

        assertThatThrownBy(consent::requireRedirect).isInstanceOfSatisfying(LoginException.class, e -> {
            assertThat(e.reason()).isEqualTo(LoginException.Reason.MALFORMED);
            assertThat(e.getMessage()).contains("neither a code nor an error", "/oauth-callback?state=");
        });
    }

    @Test
    void textThatIsNoRedirectIsRefusedWithWhatToPaste() {
        for (String pasted : new String[] {"", "   ", "hello", "http://localhost:51121/oauth-callback"}) {
            assertThatThrownBy(() -> CallbackParams.fromPastedUrl(pasted).requireRedirect())
                    .as(pasted).isInstanceOfSatisfying(LoginException.class,
                            e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.MALFORMED));
        }
        assertThatThrownBy(() -> CallbackParams.fromQuery("state=%zz&code=c")).isInstanceOfSatisfying(LoginException.class,
                e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.MALFORMED));
        assertThat(new CallbackParams(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()).state()).isEmpty();
    }
}
