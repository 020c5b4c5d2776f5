package io.vigil.notify.receiver.email;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.mail.MailClient;

/**
 * Sends an email through the SMTP settings stored over REST when there are some (a Vert.x mail client made from them,
 * remade when they change), otherwise through the Quarkus mailer configured by {@code quarkus.mailer.*}. Reads the
 * stored settings: call it on a worker thread.
 */
@ApplicationScoped
public class MailTransport {

    private record Client(SmtpSettings settings, MailClient client) {
    }

    private final ReactiveMailer mailer;
    private final SmtpSettingsStore settings;
    private final Vertx vertx;
    private final AtomicReference<Client> client = new AtomicReference<>();

    public MailTransport(ReactiveMailer mailer, SmtpSettingsStore settings, Vertx vertx) {
        this.mailer = mailer;
        this.settings = settings;
        this.vertx = vertx;
    }

    /** @return how it went out, for the log: {@code smtp host:port (settings)} or {@code quarkus.mailer} */
    public Uni<String> send(OutgoingMail mail) {
        return settings.current().map(s -> viaStoredSettings(s, mail)).orElseGet(() -> viaQuarkusMailer(mail));
    }

    private Uni<String> viaQuarkusMailer(OutgoingMail mail) {
        Mail m = new Mail().setTo(mail.to()).setSubject(mail.subject()).setText(mail.text()).setHtml(mail.html());
        mail.attachments().forEach(a -> m.addAttachment(a.name(), a.data(), a.contentType()));
        return mailer.send(m).replaceWith("quarkus.mailer");
    }

    private Uni<String> viaStoredSettings(SmtpSettings s, OutgoingMail mail) {
        MailMessage message = new MailMessage().setFrom(s.from()).setTo(mail.to()).setSubject(mail.subject())
                .setText(mail.text()).setHtml(mail.html());
        if (!mail.attachments().isEmpty()) {
            message.setAttachment(mail.attachments().stream().map(a -> MailAttachment.create()
                    .setName(a.name()).setContentType(a.contentType()).setDisposition("attachment")
                    .setData(io.vertx.core.buffer.Buffer.buffer(a.data()))).toList());
        }
        return clientFor(s).sendMail(message).replaceWith("smtp " + s.host() + ":" + s.port() + " (stored settings)");
    }

    private MailClient clientFor(SmtpSettings s) {
        Client current = client.get();
        if (current != null && Objects.equals(current.settings(), s)) {
            return current.client();
        }
        MailConfig config = new MailConfig()
                .setHostname(s.host())
                .setPort(s.port())
                .setSsl(s.tls() == TlsMode.TLS)
                .setStarttls(s.tls() == TlsMode.STARTTLS ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
                .setConnectTimeout(30_000)
                .setKeepAlive(false);
        if (s.username() != null) {
            config.setLogin(LoginOption.REQUIRED).setUsername(s.username()).setPassword(settings.password(s));
        } else {
            config.setLogin(LoginOption.DISABLED);
        }
        Client made = new Client(s, MailClient.create(vertx, config));
        Client previous = client.getAndSet(made);
        if (previous != null) {
            previous.client().closeAndForget();
        }
        return made.client();
    }

    @PreDestroy
    void close() {
        Client current = client.getAndSet(null);
        if (current != null) {
            current.client().closeAndForget();
        }
    }
}
