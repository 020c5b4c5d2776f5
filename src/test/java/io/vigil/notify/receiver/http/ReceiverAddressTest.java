package io.vigil.notify.receiver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class ReceiverAddressTest {

    static final String SLACK = "https://hooks.slack.com/services/T000/B000/XXXX";

    @Test
    void aSlackWebhookIsShownAsSchemeAndHostOnly() {
        ReceiverAddress slack = ReceiverAddress.parse(SLACK);
        assertThat(slack.shown()).isEqualTo("https://hooks.slack.com/…");
        assertThat(slack.toString()).isEqualTo("https://hooks.slack.com/…");
        assertThat(slack.target()).isEqualTo(SLACK);
        assertThat(slack.authorization()).isEmpty();
        assertThat(ReceiverAddress.parse("http://alertmanager:9093/api/v2/alerts?token=abc").shown())
                .isEqualTo("http://alertmanager:9093/…");
    }

    @Test
    void userinfoBecomesBasicAuthenticationAndLeavesTheUrl() {
        ReceiverAddress hook = ReceiverAddress.parse("https://vigil:p%40ss:word@hooks.lab.test:8443/alerts");
        assertThat(hook.target()).isEqualTo("https://hooks.lab.test:8443/alerts");
        assertThat(hook.shown()).isEqualTo("https://hooks.lab.test:8443/…");
        assertThat(hook.authorization()).contains("Basic "
                + Base64.getEncoder().encodeToString("vigil:p@ss:word".getBytes(StandardCharsets.UTF_8)));
        assertThat(ReceiverAddress.parse("http://token@hooks.lab.test/x").authorization())
                .contains("Basic " + Base64.getEncoder().encodeToString("token:".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void messagesThatQuoteTheRequestLoseItsSecrets() {
        ReceiverAddress slack = ReceiverAddress.parse(SLACK);
        assertThat(slack.scrub("The timeout period of 5000ms has been exceeded while executing POST /services/T000/B000/XXXX"
                + " for server hooks.slack.com:443")).isEqualTo("The timeout period of 5000ms has been exceeded while executing"
                        + " POST … for server hooks.slack.com:443");
        assertThat(slack.scrub("cannot reach " + SLACK)).isEqualTo("cannot reach https://hooks.slack.com/…");
        ReceiverAddress basic = ReceiverAddress.parse("http://vigil:s3cret@hooks.lab.test/a%20b");
        assertThat(basic.scrub("failed for http://vigil:s3cret@hooks.lab.test/a%20b: vigil:s3cret /a b"))
                .isEqualTo("failed for http://hooks.lab.test/…: … …");
    }

    @Test
    void aBadAddressIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> ReceiverAddress.parse("https://hooks.slack.com/services/T0 B0/SECRET"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("is not a valid URL (Illegal character in path at character 36)")
                .hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> ReceiverAddress.parse("ftp://files.lab.test/SECRET"))
                .hasMessage("must be an http or https address");
        assertThatThrownBy(() -> ReceiverAddress.parse("http:///SECRET")).hasMessage("has no host name");
    }
}
