package io.vigil.notify.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vigil.alert.Alert;
import io.vigil.log.LogSafe;
import io.vigil.notify.NotifyConfig;

/**
 * The receivers an alert goes to, decided once per alert change before it joins a group (Alertmanager's route): those
 * its rule names (the default receivers when it names none), less the disabled ones and those whose minimum severity
 * the alert does not reach.
 */
final class Routing {

    private static final Logger LOG = Logger.getLogger(Routing.class);

    private final Map<String, NotifyConfig.Receiver> receivers;
    private final Collection<String> defaults;
    private final Set<String> warnedUnknown = ConcurrentHashMap.newKeySet();

    Routing(NotifyConfig config) {
        this.receivers = new TreeMap<>(config.receivers());
        this.defaults = config.defaultReceivers().orElse(null);
    }

    /** Warns once for each receiver name that alerts give and that is not configured. */
    List<String> receiversFor(Alert alert) {
        return receiversFor(alert, receivers, defaults, name -> {
            if (warnedUnknown.add(name)) {
                LOG.warnf("Alert %s names receiver '%s', which is not configured (vigil.notify.receivers)",
                        LogSafe.escape(alert.rule()), LogSafe.escape(name));
            }
        });
    }

    /** @param unknown told each receiver name the alert gives that is not configured */
    static List<String> receiversFor(Alert alert, Map<String, NotifyConfig.Receiver> receivers, Consumer<String> unknown) {
        return receiversFor(alert, receivers, null, unknown);
    }

    /** @param defaults receivers of alerts whose rule names none; null means every receiver */
    static List<String> receiversFor(Alert alert, Map<String, NotifyConfig.Receiver> receivers, Collection<String> defaults,
            Consumer<String> unknown) {
        Collection<String> names = !alert.receivers().isEmpty()
                ? alert.receivers()
                : defaults != null ? defaults : receivers.keySet();
        List<String> out = new ArrayList<>();
        for (String name : names) {
            NotifyConfig.Receiver receiver = receivers.get(name);
            if (receiver == null) {
                unknown.accept(name);
            } else if (receiver.enabled() && alert.severity().atLeast(receiver.minSeverity()) && !out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }
}
