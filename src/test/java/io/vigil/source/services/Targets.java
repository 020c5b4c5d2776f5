package io.vigil.source.services;

import java.time.Duration;
import java.util.Map;

import io.vigil.hub.view.ServiceTarget;

/** Targets and settings for the services tests. */
final class Targets {

    private Targets() {
    }

    static ServiceTarget http(String name, String url, Duration interval, Duration timeout) {
        return ServiceTarget.of(name, url, null, Map.of(), interval, timeout, null, null, null, null, null, false, "test");
    }

    static ServiceChecksConfig settings(Duration tick, int maxConcurrent) {
        return new ServiceChecksConfig() {

            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public boolean optional() {
                return true;
            }

            @Override
            public Duration tick() {
                return tick;
            }

            @Override
            public int maxConcurrent() {
                return maxConcurrent;
            }

            @Override
            public int failuresToDown() {
                return 3;
            }

            @Override
            public int successesToUp() {
                return 2;
            }

            @Override
            public Duration window() {
                return Duration.ofMinutes(5);
            }

            @Override
            public int windowBuckets() {
                return 10;
            }

            @Override
            public int maxBodyBytes() {
                return 65536;
            }
        };
    }
}
