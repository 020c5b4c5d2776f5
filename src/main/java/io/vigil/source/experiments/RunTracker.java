package io.vigil.source.experiments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vigil.hub.view.HxRun;
import io.vigil.hub.view.RunState;

/**
 * Turns successive reads of the latest runs into transitions. The first read is the baseline: runs already there
 * raise no events (a restart of Vigil must not re-announce last week's aborts). After that a run seen for the first
 * time announces its start and, if it already ended between two polls, its end too. The tracker outlives a database
 * outage, so runs that changed while the database was away are announced when it returns.
 */
public final class RunTracker {

    private final Map<String, RunState> known = new HashMap<>();
    private boolean baselined;

    public synchronized List<RunTransition> observe(List<HxRun> latest, Instant now) {
        List<RunTransition> out = new ArrayList<>();
        List<HxRun> oldestFirst = latest.stream()
                .sorted(Comparator.comparing(HxRun::startTime, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        for (HxRun run : oldestFirst) {
            RunState before = known.put(run.runGuid(), run.state());
            if (!baselined) {
                continue;
            }
            if (before == null) {
                if (run.state() != RunState.UNKNOWN) {
                    out.add(new RunTransition("RUN_STARTED", run, null, false, orNow(run.startTime(), now)));
                }
                if (run.state() == RunState.PAUSED || run.state().terminal()) {
                    out.add(transition(run, RunState.RUNNING, now));
                }
            } else if (before != run.state() && run.state() != RunState.UNKNOWN) {
                out.add(transition(run, before, now));
            }
        }
        // Forget runs that fell out of the window so memory stays bounded by vigil.experiments.recent-runs.
        known.keySet().retainAll(latest.stream().map(HxRun::runGuid).toList());
        baselined = true;
        return out;
    }

    private static RunTransition transition(HxRun run, RunState before, Instant now) {
        return switch (run.state()) {
            case RUNNING -> new RunTransition(before == RunState.PAUSED ? "RUN_RESUMED" : "RUN_STARTED", run, before, false, now);
            case PAUSED -> new RunTransition("RUN_PAUSED", run, before, false, now);
            case COMPLETE -> ended("RUN_COMPLETED", run, before, now);
            case ABORTED -> ended("RUN_ABORTED", run, before, now);
            case ERROR -> ended("RUN_ERROR", run, before, now);
            case UNKNOWN -> throw new IllegalStateException("no transition into UNKNOWN");
        };
    }

    private static RunTransition ended(String event, HxRun run, RunState before, Instant now) {
        boolean newly = before == null || !before.terminal();
        return new RunTransition(event, run, before, newly, orNow(run.endTime(), now));
    }

    private static Instant orNow(Instant t, Instant now) {
        return t == null ? now : t;
    }
}
