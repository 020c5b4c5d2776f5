package io.vigil.notify.receiver.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SecretCipherTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void sealedSecretsOpenWithTheSameKeyOnly() {
        SecretCipher cipher = SecretCipher.fromConfig(Optional.of(KEY)).orElseThrow();
        String sealed = cipher.seal("s3cret pässword");
        assertThat(sealed).startsWith("v1:").doesNotContain("s3cret");
        assertThat(cipher.open(sealed)).isEqualTo("s3cret pässword");
        assertThat(cipher.seal("s3cret pässword")).as("a fresh nonce each time").isNotEqualTo(sealed);

        SecretCipher other = SecretCipher.fromConfig(Optional.of(OTHER_KEY)).orElseThrow();
        assertThatThrownBy(() -> other.open(sealed)).hasMessageContaining("settings-key changed");
    }

    @Test
    void tamperingIsDetected() {
        SecretCipher cipher = SecretCipher.fromConfig(Optional.of(KEY)).orElseThrow();
        String sealed = cipher.seal("s3cret");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open("v1:" + Base64.getEncoder().encodeToString(raw)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.open("plain")).hasMessageContaining("not in a format");
    }

    @Test
    void keysMustBe32BytesOfBase64() {
        assertThat(SecretCipher.fromConfig(Optional.empty())).isEmpty();
        assertThat(SecretCipher.fromConfig(Optional.of("  "))).isEmpty();
        assertThatThrownBy(() -> SecretCipher.fromConfig(Optional.of("not base64!"))).hasMessageContaining("not base64");
        assertThatThrownBy(() -> SecretCipher.fromConfig(Optional.of(Base64.getEncoder().encodeToString(new byte[16]))))
                .hasMessageContaining("32 bytes, it has 16");
    }
}
