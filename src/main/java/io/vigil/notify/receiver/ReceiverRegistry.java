package io.vigil.notify.receiver;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vigil.alert.ReceiverNames;
import io.vigil.notify.NotifyConfig;
import io.vigil.notify.Receiver;
import io.vigil.notify.ReceiverType;
import io.vigil.notify.Receivers;
import io.vigil.notify.contacts.ContactStore;
import io.vigil.notify.message.MessageContext;
import io.vigil.notify.receiver.alertmanager.AlertmanagerReceiver;
import io.vigil.notify.receiver.email.EmailComposer;
import io.vigil.notify.receiver.email.EmailReceiver;
import io.vigil.notify.receiver.email.MailTransport;
import io.vigil.notify.receiver.http.HttpPoster;
import io.vigil.notify.receiver.http.ReceiverAddress;
import io.vigil.notify.receiver.pagerduty.PagerDutyReceiver;
import io.vigil.notify.receiver.slack.SlackReceiver;
import io.vigil.notify.receiver.webhook.WebhookReceiver;

/** The receivers of {@code vigil.notify.receivers}, made once at start; a receiver that lacks its URL stops the start. */
@ApplicationScoped
public class ReceiverRegistry implements Receivers, ReceiverNames {

    private static final Logger LOG = Logger.getLogger(ReceiverRegistry.class);
    private static final Duration ALERTMANAGER_REPEAT = Duration.ofMinutes(1);

    private final NotifyConfig config;
    private final Map<String, Receiver> receivers = new TreeMap<>();
    private final Map<String, NotifyConfig.Receiver> configs = new TreeMap<>();

    public ReceiverRegistry(NotifyConfig config, HttpPoster http, ContactStore contacts, MailTransport mail) {
        this.config = config;
        MessageContext context = MessageContext.of(config);
        EmailComposer composer = new EmailComposer(config.email(), context);
        config.receivers().forEach((name, rc) -> {
            Receiver receiver = switch (rc.type()) {
                case EMAIL -> new EmailReceiver(name, rc, composer, contacts, mail);
                case WEBHOOK -> new WebhookReceiver(name, rc, url(name, rc), config.externalUrl(), http);
                case SLACK -> new SlackReceiver(name, rc, url(name, rc), context, http);
                case ALERTMANAGER -> new AlertmanagerReceiver(name, rc, url(name, rc), config.externalUrl(),
                        repeatInterval(rc).plus(config.groupInterval()).multipliedBy(3), http);
                case PAGERDUTY ->
                    new PagerDutyReceiver(name, rc, rc.url().filter(u -> !u.isBlank()).orElse(PagerDutyReceiver.ENQUEUE),
                            rc.routingKey().filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                                    "vigil.notify.receivers.\"" + name + "\".routing-key is required for a pagerduty receiver")),
                            config.externalUrl(), http);
            };
            receivers.put(name, receiver);
            configs.put(name, rc);
        });
        LOG.infof("Notification receivers: %s", receivers.isEmpty() ? "none" : String.join(", ", receivers.keySet()));
    }

    private static String url(String name, NotifyConfig.Receiver rc) {
        String url = rc.url().filter(u -> !u.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "vigil.notify.receivers.\"" + name + "\".url is required for a " + rc.type().label() + " receiver"));
        try {
            ReceiverAddress.parse(url);
        } catch (IllegalArgumentException e) {
            // The message leaves the URL out: it may hold the receiver's secret.
            throw new IllegalArgumentException("vigil.notify.receivers.\"" + name + "\".url " + e.getMessage());
        }
        return url;
    }

    @Override
    public Optional<Receiver> get(String name) {
        return Optional.ofNullable(receivers.get(name));
    }

    @Override
    public Collection<Receiver> all() {
        return List.copyOf(receivers.values());
    }

    @Override
    public Set<String> receiverNames() {
        return Set.copyOf(receivers.keySet());
    }

    @Override
    public Duration repeatInterval(String receiver) {
        return repeatInterval(configs.get(receiver));
    }

    private Duration repeatInterval(NotifyConfig.Receiver rc) {
        return rc.repeatInterval().orElse(rc.type() == ReceiverType.ALERTMANAGER ? ALERTMANAGER_REPEAT : config.repeatInterval());
    }

    /** Alertmanager forgets an alert that is not sent again: acknowledged ones are repeated to it too. */
    @Override
    public boolean repeatsAcknowledged(String receiver) {
        return configs.get(receiver).type() == ReceiverType.ALERTMANAGER;
    }
}
