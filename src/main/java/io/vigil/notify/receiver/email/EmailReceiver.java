package io.vigil.notify.receiver.email;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vigil.notify.Delivery;
import io.vigil.notify.Notification;
import io.vigil.notify.NotifyConfig;
import io.vigil.notify.Receiver;
import io.vigil.notify.ReceiverType;
import io.vigil.notify.contacts.Contact;
import io.vigil.notify.contacts.ContactStore;

/**
 * Email (plain text with an HTML alternative) to the contacts whose minimum severity the message's highest severity reaches, and to the
 * receiver's own addresses. A test notification goes to every contact.
 */
public final class EmailReceiver implements Receiver {

    private final String name;
    private final NotifyConfig.Receiver config;
    private final EmailComposer composer;
    private final ContactStore contacts;
    private final MailTransport transport;

    public EmailReceiver(String name, NotifyConfig.Receiver config, EmailComposer composer, ContactStore contacts,
            MailTransport transport) {
        this.name = name;
        this.config = config;
        this.composer = composer;
        this.contacts = contacts;
        this.transport = transport;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ReceiverType type() {
        return ReceiverType.EMAIL;
    }

    @Override
    public NotifyConfig.Receiver config() {
        return config;
    }

    @Override
    public Uni<Delivery> send(Notification n) {
        return Uni.createFrom().item(() -> {
            Set<String> to = new LinkedHashSet<>(config.to().orElse(List.of()));
            to.addAll(n.test() ? contacts.all().stream().map(Contact::email).toList() : contacts.emailsFor(n.highestSeverity()));
            return to.isEmpty() ? null : composer.compose(n, List.copyOf(to), config);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).chain(mail -> {
            if (mail == null) {
                return Uni.createFrom().item(Delivery.skipped("no contact takes " + n.highestSeverity().label()
                        + " alerts and the receiver has no address of its own"));
            }
            return transport.send(mail).map(via -> Delivery.sent("to " + String.join(", ", mail.to()) + " via " + via
                    + ", " + mail.attachments().size() + " attachment(s)"
                    + (mail.omitted().isEmpty() ? "" : ", " + mail.omitted().size() + " left out")));
        });
    }
}
