package io.vigil.notify;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vigil.alert.Alert;
import io.vigil.alert.ReceiverNames;
import io.vigil.log.LogSafe;
import io.vigil.notify.alertmanager.AlertmanagerReceiver;
import io.vigil.notify.email.EmailComposer;
import io.vigil.notify.email.EmailReceiver;
import io.vigil.notify.email.MailTransport;
import io.vigil.notify.slack.SlackReceiver;
import io.vigil.notify.webhook.WebhookReceiver;

/** The receivers of {@code vigil.notify.receivers}, made once at start; a receiver that lacks its URL stops the start. */
@ApplicationScoped
public class ReceiverRegistry implements ReceiverNames {

    private static final Logger LOG = Logger.getLogger(ReceiverRegistry.class);
    private static final Duration ALERTMANAGER_REPEAT = Duration.ofMinutes(1);

    private final NotifyConfig config;
    private final Map<String, Receiver> receivers = new TreeMap<>();
    private final Map<String, NotifyConfig.Receiver> configs = new TreeMap<>();
    private final Set<String> warnedUnknown = ConcurrentHashMap.newKeySet();

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

    public Optional<Receiver> get(String name) {
        return Optional.ofNullable(receivers.get(name));
    }

    public Collection<Receiver> all() {
        return List.copyOf(receivers.values());
    }

    @Override
    public Set<String> receiverNames() {
        return Set.copyOf(receivers.keySet());
    }

    /** The mute stage: the receivers this alert goes to. */
    public List<String> routesFor(Alert alert) {
        return MuteStage.receiversFor(alert, configs, config.defaultReceivers().orElse(null), name -> {
            if (warnedUnknown.add(name)) {
                LOG.warnf("Alert %s names receiver '%s', which is not configured (vigil.notify.receivers)",
                        LogSafe.escape(alert.rule()), LogSafe.escape(name));
            }
        });
    }

    public Duration repeatInterval(String receiver) {
        return repeatInterval(configs.get(receiver));
    }

    private Duration repeatInterval(NotifyConfig.Receiver rc) {
        return rc.repeatInterval().orElse(rc.type() == ReceiverType.ALERTMANAGER ? ALERTMANAGER_REPEAT : config.repeatInterval());
    }

    /** Alertmanager forgets an alert that is not sent again: acknowledged ones are repeated to it too. */
    public boolean repeatsAcknowledged(String receiver) {
        return configs.get(receiver).type() == ReceiverType.ALERTMANAGER;
    }
}
