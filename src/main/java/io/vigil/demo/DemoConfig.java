package io.vigil.demo;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/** The built-in lab simulator that makes a fresh install show live data. */
@ConfigMapping(prefix = "vigil.demo")
public interface DemoConfig {

    /** {@code vigil.demo=true} switches the simulator on. */
    @WithParentName
    boolean enabled();

    /** How often the simulated robot moves. */
    Duration tick();

    /**
     * How often the robot fails the load check of the next method a schedule launches, so a failed execution and its
     * retry show; the first time at start. Unset: never.
     */
    Optional<Duration> loadCheckFailureEvery();

    /** Where the simulated robot writes HxRun; defaults to the embedded HxRun database. */
    String hxrunUrl();

    Optional<String> hxrunUsername();

    Optional<String> hxrunPassword();

    /** The table the simulated robot writes. */
    String hxrunTable();

    /** The demo's plate imager, which writes to the storage server where one is configured. */
    Storage storage();

    interface Storage {

        /** The bucket it creates and puts images into. */
        String bucket();

        /** Time between two images. */
        Duration tick();
    }
}
