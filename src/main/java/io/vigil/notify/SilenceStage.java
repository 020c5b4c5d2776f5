package io.vigil.notify;

import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vigil.alert.Alert;

/** Takes silenced alerts out of a flush: a silenced alert is neither sent nor resolved to anyone. */
public final class SilenceStage implements Stage {

    @Override
    public Uni<Flush> exec(Context ctx, Flush flush) {
        return Uni.createFrom().item(apply(flush));
    }

    public static Flush apply(Flush flush) {
        List<Alert> audible = flush.alerts().stream().filter(a -> !a.silenced()).toList();
        int silenced = flush.alerts().size() - audible.size();
        return flush.withAlerts(audible, flush.silenced() + silenced);
    }
}
