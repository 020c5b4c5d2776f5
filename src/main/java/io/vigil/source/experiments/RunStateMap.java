package io.vigil.source.experiments;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.vigil.hub.view.RunState;
import io.vigil.log.LogSafe;

/**
 * Maps what VENUS writes in {@code RunState} (codes like 128, or names) to {@link RunState}. The map comes from
 * configuration; the state names themselves are always understood. An unknown value is UNKNOWN and logged once.
 */
public final class RunStateMap {

    private static final Logger LOG = Logger.getLogger(RunStateMap.class);

    private final Map<String, RunState> map = new HashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public RunStateMap(Map<String, String> configured) {
        for (RunState state : RunState.values()) {
            map.put(state.name(), state);
        }
        map.put("COMPLETED", RunState.COMPLETE);
        configured.forEach((raw, state) -> {
            RunState parsed = map.get(state.trim().toUpperCase(Locale.ROOT));
            if (parsed == null) {
                throw new IllegalArgumentException("vigil.experiments.state-map.\"" + raw + "\"=" + state
                        + " is not one of Running, Paused, Complete, Aborted, Error, Unknown");
            }
            map.put(raw.trim().toUpperCase(Locale.ROOT), parsed);
        });
    }

    public RunState map(String raw) {
        if (raw == null) {
            return RunState.UNKNOWN;
        }
        String key = raw.trim().toUpperCase(Locale.ROOT);
        RunState state = map.get(key);
        if (state != null) {
            return state;
        }
        if (reported.add(key)) {
            LOG.warnf("HxRun RunState '%s' is not in vigil.experiments.state-map; treating it as Unknown",
                    LogSafe.escape(raw));
        }
        return RunState.UNKNOWN;
    }
}
