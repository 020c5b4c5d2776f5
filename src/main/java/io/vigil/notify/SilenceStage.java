package io.vigil.notify;

import java.util.List;

import io.vigil.alert.Alert;

/** Takes silenced alerts out of a flush: a silenced alert is neither sent nor resolved to anyone. */
public final class SilenceStage {

    private SilenceStage() {
    }

    public static Flush apply(Flush flush) {
        List<Alert> audible = flush.alerts().stream().filter(a -> !a.silenced()).toList();
        int silenced = flush.alerts().size() - audible.size();
        return new Flush(flush.group(), audible, flush.silenced() + silenced, flush.changed(), flush.at());
    }
}
