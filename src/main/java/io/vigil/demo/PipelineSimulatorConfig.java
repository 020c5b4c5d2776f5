package io.vigil.demo;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** The simulated pipelines, gateways and server manager of the demo (on with {@code vigil.demo=true}). */
@ConfigMapping(prefix = "vigil.demo.pipelines")
public interface PipelineSimulatorConfig {

    /** How often the simulated pipelines publish a batch of results and the gateways an event or two (1 s at least). */
    Duration tick();

    /** How long the simulator waits before trying an unreachable broker again. */
    Duration retry();

    /** Now and then the simulated workers stall (a GPU node restarting), so a backlog builds up and drains. */
    Stall stall();

    interface Stall {

        /** How long after the simulator starts the first stall comes. */
        Duration firstAfter();

        /** Time from one stall to the next. */
        Duration every();

        /** How long a stall lasts; then the workers take three times their usual share until the queue is empty. */
        Duration duration();
    }
}
