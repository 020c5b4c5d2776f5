package io.vigil.notify.receiver.email;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.validation.constraints.Size;

import io.vigil.notify.contacts.Contact;
import io.vigil.validation.OneLine;
import io.vigil.web.InvalidFieldException;

/**
 * SMTP settings set over REST; they take precedence over {@code quarkus.mailer.*}. The password is only ever held
 * sealed ({@link SecretCipher}); {@link #toString()} leaves it out.
 */
public record SmtpSettings(String host, int port, TlsMode tls, String from, String username, String sealedPassword,
        Instant updatedAt) {

    /**
     * What a user sends. {@code password}: null keeps the stored one (for the same server and username only), empty
     * removes it, anything else replaces it.
     */
    public record Input(@OneLine(max = 255) String host, Integer port, @OneLine(max = 16) String tls,
            @OneLine(max = 320) String from, @OneLine(max = 320) String username,
            @Size(max = 256, message = "must be at most {max} characters") String password) {

        @Override
        public String toString() {
            return "Input[host=" + host + ", port=" + port + ", tls=" + tls + ", from=" + from + ", username=" + username
                    + ", password=" + (password == null ? "unchanged" : "(hidden)") + "]";
        }
    }

    public boolean passwordSet() {
        return sealedPassword != null;
    }

    /**
     * Checks what a user sent and seals its password.
     *
     * @param previous the settings stored now, whose password is kept when none is sent
     * @throws InvalidFieldException naming the first field that is wrong, or {@code password} when there is one to
     *         store but no key to seal it with, or when the stored one would go to another server or account
     */
    public static SmtpSettings from(Input in, Optional<SmtpSettings> previous, Optional<SecretCipher> cipher, Instant now) {
        if (in.host() == null || in.host().isBlank()) {
            throw new InvalidFieldException("host", "the SMTP server's host name is required");
        }
        if (in.port() == null || in.port() < 1 || in.port() > 65535) {
            throw new InvalidFieldException("port", in.port() == null
                    ? "the SMTP port is required (25, 465, 587 …)"
                    : in.port() + " is not a port; use 1 to 65535");
        }
        TlsMode tls = in.tls() == null ? TlsMode.STARTTLS : TlsMode.parse(in.tls());
        if (in.from() == null || !Contact.isEmail(in.from().trim())) {
            throw new InvalidFieldException("from", in.from() == null
                    ? "the sender address is required"
                    : "'" + in.from() + "' is not an email address");
        }
        String host = in.host().trim();
        String username = in.username() == null || in.username().isBlank() ? null : in.username().trim();
        String sealed;
        if (in.password() == null) {
            sealed = previous.map(SmtpSettings::sealedPassword).orElse(null);
            if (sealed != null) {
                keptOnlyForTheSameServer(previous.get(), host, in.port(), tls, username);
            }
        } else if (in.password().isEmpty()) {
            sealed = null;
        } else if (cipher.isEmpty()) {
            throw new InvalidFieldException("password", "Vigil cannot store a password without a key: set"
                    + " vigil.notify.settings-key (VIGIL_NOTIFY_SETTINGS_KEY) to the base64 of 32 random bytes"
                    + " ('openssl rand -base64 32') and try again");
        } else {
            sealed = cipher.get().seal(in.password());
        }
        if (sealed != null && username == null) {
            throw new InvalidFieldException("username", "a password needs a username");
        }
        return new SmtpSettings(host, in.port(), tls, in.from().trim(), username, sealed, now);
    }

    /**
     * The stored password is sent to whatever server the settings name: kept as it is, it would go to any server a
     * PUT names. Like a browser's saved password or Grafana's data-source secrets, it stays only while the server and
     * the account stay the same.
     */
    private static void keptOnlyForTheSameServer(SmtpSettings stored, String host, int port, TlsMode tls, String username) {
        List<String> changed = new ArrayList<>();
        if (!stored.host().equalsIgnoreCase(host)) {
            changed.add("host");
        }
        if (stored.port() != port) {
            changed.add("port");
        }
        if (stored.tls() != tls) {
            changed.add("TLS mode");
        }
        if (!Objects.equals(stored.username(), username)) {
            changed.add("username");
        }
        if (!changed.isEmpty()) {
            String what = changed.size() == 1
                    ? changed.get(0)
                    : String.join(", ", changed.subList(0, changed.size() - 1)) + " and " + changed.get(changed.size() - 1);
            throw new InvalidFieldException("password", "changing the SMTP " + what + " requires the password again:"
                    + " send \"password\" with the new settings, or \"password\": null to drop the stored one");
        }
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", tls=" + tls.label() + ", from=" + from + ", username="
                + username + ", password_set=" + passwordSet() + "]";
    }
}
