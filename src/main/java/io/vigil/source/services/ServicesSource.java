package io.vigil.source.services;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vigil.hub.MetricSource;
import io.vigil.hub.SourceUpdate;
import io.vigil.hub.view.ServiceTarget;
import io.vigil.hub.view.ServicesView;

/**
 * HTTP and TCP checks of peer services. Every {@code tick} it takes the current targets from whoever defines them
 * ({@link ServicesView}), starts the checks that are due on worker threads (at most {@code max-concurrent} at once,
 * each bounded by its target's timeout, so a hanging peer holds only its own slot), and reports every target's state
 * to the hub.
 */
@ApplicationScoped
public class ServicesSource implements MetricSource {

    /** Beyond its own timeout, how long a check may take before its slot is freed regardless (a stuck DNS lookup). */
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final ServiceChecksConfig config;
    private final ServicesView targets;
    private final Clock clock;
    private final Executor workers;
    private final ServiceChecker checker;

    @Inject
    public ServicesSource(ServiceChecksConfig config, Instance<ServicesView> targets) {
        this(config, targets.isResolvable() ? targets.get() : List::of, Clock.systemUTC(), Infrastructure.getDefaultWorkerPool());
    }

    ServicesSource(ServiceChecksConfig config, ServicesView targets, Clock clock, Executor workers) {
        this.config = config;
        this.targets = targets;
        this.clock = clock;
        this.workers = workers;
        this.checker = new ServiceChecker(clock, config.maxBodyBytes(), workers);
    }

    @Override
    public String name() {
        return ServicesView.SOURCE;
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public boolean optional() {
        return config.optional();
    }

    @Override
    public Multi<SourceUpdate> stream() {
        ServiceBoard board = new ServiceBoard(config.failuresToDown(), config.successesToUp(), config.window(),
                config.windowBuckets());
        Multi<SourceUpdate> checks = ticks()
                .onItem().transformToIterable(tick -> board.due(targets.targets(), clock.instant()))
                .onItem().transformToUni(target -> check(target).invoke(result -> board.record(target, result)))
                .merge(config.maxConcurrent())
                // Results live on the board; the reports below carry them.
                .skip().where(result -> true)
                .onItem().castTo(SourceUpdate.class);
        Multi<SourceUpdate> reports = ticks().map(tick -> board.report(clock.instant()));
        return Multi.createBy().merging().streams(checks, reports);
    }

    private Multi<Long> ticks() {
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(10)).every(config.tick()).onOverflow().drop();
    }

    private Uni<CheckResult> check(ServiceTarget target) {
        return Uni.createFrom().item(() -> checker.check(target))
                .runSubscriptionOn(workers)
                .ifNoItem().after(target.timeout().plus(GRACE))
                .recoverWithItem(() -> failed(target, "no result within " + ServiceChecker.human(target.timeout().plus(GRACE))))
                .onFailure().recoverWithItem(e -> failed(target, "check failed: " + e));
    }

    private CheckResult failed(ServiceTarget target, String error) {
        return new CheckResult(target.name(), false, null, null, null, null, null, null, error, clock.instant());
    }
}
