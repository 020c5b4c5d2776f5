package io.vigil.notify.receiver.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vigil.web.InvalidFieldException;

class SmtpSettingsTest {

    static final Optional<SecretCipher> CIPHER = SecretCipher
            .fromConfig(Optional.of(Base64.getEncoder().encodeToString(new byte[32])));
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    static SmtpSettings.Input input(String password) {
        return new SmtpSettings.Input("smtp.lab.test", 587, "starttls", "vigil@lab.test", "vigil", password);
    }

    @Test
    void aPasswordIsRefusedWithoutAKeyAndTheAnswerSaysWhy() {
        assertThatThrownBy(() -> SmtpSettings.from(input("s3cret"), Optional.empty(), Optional.empty(), NOW))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("password: Vigil cannot store a password without a key")
                .hasMessageContaining("vigil.notify.settings-key");
        assertThat(SmtpSettings.from(input(null), Optional.empty(), Optional.empty(), NOW).passwordSet()).isFalse();
    }

    @Test
    void thePasswordIsSealedKeptWhenLeftOutAndRemovedWhenEmpty() {
        SmtpSettings first = SmtpSettings.from(input("s3cret"), Optional.empty(), CIPHER, NOW);
        assertThat(first.sealedPassword()).startsWith("v1:").doesNotContain("s3cret");
        assertThat(CIPHER.get().open(first.sealedPassword())).isEqualTo("s3cret");
        assertThat(first.toString()).doesNotContain(first.sealedPassword()).contains("password_set=true");
        assertThat(input("s3cret").toString()).doesNotContain("s3cret");

        SmtpSettings kept = SmtpSettings.from(input(null), Optional.of(first), CIPHER, NOW);
        assertThat(kept.sealedPassword()).isEqualTo(first.sealedPassword());
        assertThat(SmtpSettings.from(input(""), Optional.of(first), CIPHER, NOW).passwordSet()).isFalse();
    }

    @Test
    void eachWrongFieldIsNamed() {
        assertThatThrownBy(() -> SmtpSettings.from(new SmtpSettings.Input(" ", 25, "none", "a@b", null, null), Optional.empty(),
                CIPHER, NOW)).hasMessageStartingWith("host:");
        assertThatThrownBy(
                () -> SmtpSettings.from(new SmtpSettings.Input("h", 70000, "none", "a@b", null, null), Optional.empty(),
                        CIPHER, NOW))
                .hasMessageStartingWith("port:");
        assertThatThrownBy(() -> SmtpSettings.from(new SmtpSettings.Input("h", 25, "ssl3", "a@b", null, null), Optional.empty(),
                CIPHER, NOW)).hasMessageStartingWith("tls: 'ssl3' is not a TLS mode");
        assertThatThrownBy(() -> SmtpSettings.from(new SmtpSettings.Input("h", 25, "tls", "nobody", null, null), Optional.empty(),
                CIPHER, NOW)).hasMessageStartingWith("from:");
        assertThatThrownBy(() -> SmtpSettings.from(new SmtpSettings.Input("h", 25, "tls", "a@b", null, "pw"), Optional.empty(),
                CIPHER, NOW)).hasMessageStartingWith("username:");
    }

    @Test
    void theStoredPasswordIsKeptOnlyForTheSameServerAndAccount() {
        SmtpSettings stored = SmtpSettings.from(input("s3cret"), Optional.empty(), CIPHER, NOW);
        assertThatThrownBy(() -> SmtpSettings.from(new SmtpSettings.Input("evil.test", 2525, "starttls", "vigil@lab.test",
                "vigil", null), Optional.of(stored), CIPHER, NOW))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("password: changing the SMTP host and port requires the password again: send \"password\" with"
                        + " the new settings, or \"password\": null to drop the stored one");
        assertThatThrownBy(() -> SmtpSettings.from(new SmtpSettings.Input("smtp.lab.test", 587, "none", "vigil@lab.test",
                "other", null), Optional.of(stored), CIPHER, NOW))
                .hasMessageStartingWith("password: changing the SMTP TLS mode and username requires the password again");

        SmtpSettings sameServer = SmtpSettings.from(new SmtpSettings.Input(" SMTP.lab.test ", 587, "STARTTLS", "alerts@lab.test",
                "vigil", null), Optional.of(stored), CIPHER, NOW);
        assertThat(sameServer.sealedPassword()).isEqualTo(stored.sealedPassword());
        SmtpSettings elsewhere = SmtpSettings.from(new SmtpSettings.Input("smtp.other.test", 465, "tls", "vigil@lab.test",
                "vigil", "n3w"), Optional.of(stored), CIPHER, NOW);
        assertThat(CIPHER.get().open(elsewhere.sealedPassword())).isEqualTo("n3w");
        assertThat(SmtpSettings.from(new SmtpSettings.Input("smtp.other.test", 25, "none", "vigil@lab.test", null, ""),
                Optional.of(stored), CIPHER, NOW).passwordSet()).isFalse();
    }
}
