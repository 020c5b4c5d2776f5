package io.vigil.notify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.vigil.alert.Alert;

/**
 * The first stage: the receivers an alert goes to. Those its rule names (all when it names none), less the disabled
 * ones and those whose minimum severity the alert does not reach.
 */
public final class MuteStage {

    private MuteStage() {
    }

    /** @param unknown told each receiver name the alert gives that is not configured */
    public static List<String> receiversFor(Alert alert, Map<String, NotifyConfig.Receiver> receivers, Consumer<String> unknown) {
        return receiversFor(alert, receivers, null, unknown);
    }

    /** @param defaults receivers of alerts whose rule names none; null means every receiver */
    public static List<String> receiversFor(Alert alert, Map<String, NotifyConfig.Receiver> receivers, Collection<String> defaults,
            Consumer<String> unknown) {
        Collection<String> names = !alert.receivers().isEmpty() ? alert.receivers() : defaults != null ? defaults : receivers.keySet();
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
