package io.vigil.notify.receiver.email;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vigil.notify.NotifyConfig;
import io.vigil.store.Jdbc;

/**
 * The SMTP settings stored in Vigil's database (one row), cached after the first read. Blocking JDBC: call it on
 * worker threads.
 */
@ApplicationScoped
public class SmtpSettingsStore {

    private static final Logger LOG = Logger.getLogger(SmtpSettingsStore.class);
    private static final String ID = "smtp";

    private final Jdbc jdbc;
    private final Optional<SecretCipher> cipher;
    private final AtomicReference<Optional<SmtpSettings>> cache = new AtomicReference<>();

    public SmtpSettingsStore(Jdbc jdbc, NotifyConfig config) {
        this.jdbc = jdbc;
        this.cipher = SecretCipher.fromConfig(config.settingsKey());
    }

    /** Made at start, so that a malformed settings key stops Vigil at once rather than at the first email. */
    void checkKey(@Observes StartupEvent event) {
        LOG.infof(cipher.isPresent()
                ? "An SMTP password can be stored over REST (vigil.notify.settings-key is set)"
                : "vigil.notify.settings-key is not set: an SMTP password cannot be stored over REST");
    }

    public Optional<SmtpSettings> current() {
        Optional<SmtpSettings> cached = cache.get();
        if (cached == null) {
            cached = load();
            cache.compareAndSet(null, cached);
        }
        return cached;
    }

    /** @throws io.vigil.web.InvalidFieldException naming the field that cannot be taken */
    public synchronized SmtpSettings save(SmtpSettings.Input input) {
        SmtpSettings settings = SmtpSettings.from(input, current(), cipher, Instant.now());
        jdbc.inTransaction("store the notification settings", tx -> {
            tx.update("DELETE FROM notification_settings WHERE id = ?", d -> d.setString(1, ID));
            return tx.update("INSERT INTO notification_settings (id, host, port, tls, from_address, username,"
                    + " password_cipher, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", insert -> {
                        insert.setString(1, ID);
                        insert.setString(2, settings.host());
                        insert.setInt(3, settings.port());
                        insert.setString(4, settings.tls().label());
                        insert.setString(5, settings.from());
                        insert.setString(6, settings.username());
                        insert.setString(7, settings.sealedPassword());
                        insert.setObject(8, LocalDateTime.ofInstant(settings.updatedAt(), ZoneOffset.UTC));
                    });
        });
        cache.set(Optional.of(settings));
        return settings;
    }

    /** Forgets the stored settings: email goes through quarkus.mailer.* again. */
    public synchronized boolean clear() {
        boolean removed = jdbc.update("remove the notification settings", "DELETE FROM notification_settings WHERE id = ?",
                d -> d.setString(1, ID)) > 0;
        cache.set(Optional.empty());
        return removed;
    }

    /** The stored password in clear, for the SMTP login only; null when there is none. */
    public String password(SmtpSettings settings) {
        if (!settings.passwordSet()) {
            return null;
        }
        return cipher.orElseThrow(() -> new IllegalStateException("an SMTP password is stored but"
                + " vigil.notify.settings-key is not set: set the key it was stored with, or store the password again"))
                .open(settings.sealedPassword());
    }

    private Optional<SmtpSettings> load() {
        return jdbc.queryOne("read the notification settings", "SELECT host, port, tls, from_address, username,"
                + " password_cipher, updated_at FROM notification_settings WHERE id = ?", q -> q.setString(1, ID),
                rs -> new SmtpSettings(rs.getString(1), rs.getInt(2), TlsMode.parse(rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, LocalDateTime.class).toInstant(ZoneOffset.UTC)));
    }
}
