package io.vigil.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testing.AuthProbe;
import io.vigil.testing.Chromium;
import io.vigil.testing.JwtIssuer;
import io.vigil.testing.SharedServers;

/**
 * "Sign in with Lab Keycloak" on the dashboard, in a real headless Chromium, through the whole authorization code
 * flow with PKCE against {@link JwtIssuer}'s authorization and token endpoints (the test profile's
 * vigil.auth.oidc.login.* point there): the provider consents at once for {@value JwtIssuer#USER}, an operator.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class SignInBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(25);
    private static Chromium browser;
    private static JwtIssuer issuer;

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void startTheProviderAndABrowser() {
        issuer = JwtIssuer.start();
        browser = Chromium.launch(1280, 800);
    }

    @AfterAll
    static void stopThem() {
        if (browser != null) {
            browser.close();
        }
        issuer.close();
    }

    /** Each test starts signed out, with the dashboard registered at the provider as a Keycloak admin would. */
    @BeforeEach
    void signedOut() {
        issuer.registerDashboard(page.toString());
        issuer.accessTokenLifetime(Duration.ofMinutes(5));
        browser.open("about:blank");
        browser.open(page.toString());
        browser.evaluate("localStorage.removeItem('vigil.token')");
        browser.open("about:blank");
        browser.clearErrors();
    }

    @AfterEach
    void onlyRefusalsOfTheSignedOutPageWereReported() {
        // Signed out, the page's requests are refused (401) and the browser logs each: nothing else may show up.
        assertThat(browser.errors()).as("errors the page reported")
                .allMatch(e -> e.text().contains("401") || e.text().contains("HTTP Authentication failed"));
        browser.open("about:blank");
    }

    @Test
    void signingInWithTheProviderLandsBackSignedInAndLive() {
        browser.open(page.toString());
        awaitTrue("!document.querySelector('#signin').hidden");
        assertThat(browser.text("#signin-button")).isEqualTo("Sign in with Lab Keycloak");
        assertThat(browser.attribute("html", "data-role")).isEqualTo("none");
        browser.screenshot(Path.of("target", "dashboard-sign-in.png"), false);
        int before = issuer.tokenRequests().size();

        browser.click("#signin-button");
        awaitTrue("document.documentElement.dataset.role === 'operator'");
        assertThat(browser.text("#token-button")).isEqualTo(JwtIssuer.USER + " · operator");
        awaitTrue("window.vigil.mode === 'live'");
        assertThat(browser.evaluate("location.href").asText()).as("no code or state left in the address bar")
                .isEqualTo(page.toString());

        List<JwtIssuer.TokenRequest> exchanged = issuer.tokenRequests().subList(before, issuer.tokenRequests().size());
        assertThat(exchanged).as("one code exchanged, with the verifier and the redirect URI").hasSize(1);
        assertThat(exchanged.get(0).status()).isEqualTo(200);
        assertThat(exchanged.get(0).form()).containsEntry("redirect_uri", page.toString())
                .containsEntry("client_id", JwtIssuer.CLIENT_ID).containsKey("code_verifier");
        String jwt = browser.evaluate("localStorage.getItem('vigil.token')").asText();
        assertThat(jwt.split("\\.")).as("the provider's access token, kept like an API token").hasSize(3);
        await().atMost(PATIENCE).until(() -> jwt.equals(AuthProbe.lastSocketToken()));
        await().atMost(PATIENCE).until(() -> ("Bearer " + jwt).equals(AuthProbe.lastAuthorization()));

        browser.click("#token-button");
        browser.click("#token-clear");
        awaitTrue("document.documentElement.dataset.role === 'none'");
        assertThat(browser.evaluate("localStorage.getItem('vigil.token')").isNull()).as("signed out").isTrue();
        assertThat(browser.visible("#signin-button")).as("the sign-in is offered again").isTrue();
    }

    @Test
    void anAnswerWithAForgedStateIsRefusedAndNothingIsExchanged() {
        int before = issuer.tokenRequests().size();
        issuer.forgeNextState();
        browser.open(page.toString());
        awaitTrue("!document.querySelector('#signin').hidden");

        browser.click("#signin-button");
        awaitTrue("document.querySelector('#auth-banner').textContent.includes('state does not match')");
        assertThat(browser.visible("#auth-banner")).isTrue();
        assertThat(browser.text("#auth-banner")).startsWith("Sign-in refused: the answer from Lab Keycloak does not belong to a "
                + "sign-in started in this browser tab");
        assertThat(browser.text("#token-state")).contains("state does not match");
        assertThat(browser.evaluate("localStorage.getItem('vigil.token')").isNull()).isTrue();
        assertThat(browser.attribute("html", "data-role")).isEqualTo("none");
        assertThat(browser.evaluate("location.search").asText()).isEmpty();
        assertThat(issuer.tokenRequests()).as("the code was not exchanged").hasSize(before);

        // Signing in afresh works.
        browser.click("#auth-banner button.signin");
        awaitTrue("document.documentElement.dataset.role === 'operator'");
        assertThat(browser.visible("#auth-banner")).isFalse();
    }

    @Test
    void whenTheAccessTokenExpiresThePageSaysSoAndOffersToSignInAgain() {
        issuer.accessTokenLifetime(Duration.ofSeconds(6));
        browser.open(page.toString());
        awaitTrue("!document.querySelector('#signin').hidden");
        browser.click("#signin-button");
        awaitTrue("document.documentElement.dataset.role === 'operator'");

        awaitTrue("document.querySelector('#auth-banner').textContent.includes('Your sign-in with Lab Keycloak ended at')");
        assertThat(browser.visible("#auth-banner")).isTrue();
        assertThat(browser.attribute("html", "data-role")).isEqualTo("none");
        assertThat(browser.evaluate("localStorage.getItem('vigil.token')").isNull()).as("the dead token is dropped").isTrue();
        assertThat(browser.text("#auth-banner button.signin")).isEqualTo("Sign in with Lab Keycloak");
        // What the page asks for next (a refused poll or socket) keeps the reason in view.
        assertThat(browser.text("#token-state"))
                .matches("Your sign-in with Lab Keycloak ended at \\d\\d:\\d\\d:\\d\\d: sign in again to go on\\.");

        issuer.accessTokenLifetime(Duration.ofMinutes(5));
        browser.click("#auth-banner button.signin");
        awaitTrue("document.documentElement.dataset.role === 'operator'");
        awaitTrue("window.vigil.mode === 'live'");
        assertThat(browser.visible("#auth-banner")).isFalse();
    }

    private static void awaitTrue(String expression) {
        // The page navigates away to the provider and back: an evaluation may meet a document that is going.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> browser.evaluate("(() => { try { return !!(" + expression + "); } catch (e) { return false; } })()")
                        .asBoolean());
    }
}
