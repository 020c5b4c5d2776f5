package io.vigil.notify.dispatch;

import java.time.Clock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.core.Vertx;
import io.vigil.alert.Alert;
import io.vigil.alert.AlertState;
import io.vigil.notify.NotificationPipeline;
import io.vigil.notify.NotifyConfig;

/**
 * Where alert changes enter the notification side. {@link #accept} takes every change of every alert (pending,
 * firing, resolved, silenced or not, acknowledged), routes it to its receivers' groups and returns at once; timers
 * and worker threads do the rest. Pending and inactive alerts are never sent.
 */
@ApplicationScoped
public class NotificationDispatcher {

    private final Routing routing;
    private final Aggregator aggregator;

    @Inject
    public NotificationDispatcher(NotifyConfig config, NotificationPipeline pipeline, Vertx vertx) {
        this(config, pipeline, Timers.of(vertx), Clock.systemUTC());
    }

    /** A dispatcher with its own groups, clock and timers; the receivers, the pipeline and the log are shared. */
    public NotificationDispatcher(NotifyConfig config, NotificationPipeline pipeline, Timers timers, Clock clock) {
        this.routing = new Routing(config);
        this.aggregator = new Aggregator(config.groupWait(), config.groupInterval(), config.groupBy(), clock, timers,
                pipeline::flush);
    }

    /** Takes one alert change. Never blocks: it only updates in-memory groups. */
    public void accept(Alert alert) {
        if (alert == null || (alert.state() != AlertState.FIRING && alert.state() != AlertState.RESOLVED)) {
            return;
        }
        for (String receiver : routing.receiversFor(alert)) {
            aggregator.add(receiver, alert);
        }
    }

    /** Groups waiting or being sent, for status pages and tests. */
    public int groupCount() {
        return aggregator.groupCount();
    }

    @PreDestroy
    public void stop() {
        aggregator.stop();
    }
}
