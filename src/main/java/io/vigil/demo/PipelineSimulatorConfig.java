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
}
