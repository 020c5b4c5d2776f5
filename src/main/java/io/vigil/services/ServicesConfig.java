package io.vigil.services;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/** Peer services defined in configuration: {@code vigil.services."name".url=...} and the rest of each target. */
@ConfigMapping(prefix = "vigil.services")
public interface ServicesConfig {

    /** Targets by name. */
    @WithParentName
    Map<String, Target> targets();

    /** One target; what is left out takes the defaults of targets made over the API. */
    interface Target {

        /** {@code http://}, {@code https://}, {@code tcp://host:port} or {@code tls://host:port}. */
        String url();

        /** Time between two checks (10 s by default). */
        Optional<Duration> interval();

        /** Longest wait for one check, connect and answer together (5 s by default). */
        Optional<Duration> timeout();

        /** The HTTP method (GET by default). */
        Optional<String> method();

        /** Headers sent with every request, e.g. {@code headers."Authorization"=Bearer ...}. */
        Map<String, String> headers();

        /** Status codes and ranges that count as healthy ({@code 200-299} by default). */
        Optional<String> expectedStatus();

        /** Text the body must contain. */
        Optional<String> bodyContains();

        /** A dotted path into a JSON body ({@code $.status}); with {@link #jsonValue()} what it must read. */
        Optional<String> jsonPath();

        Optional<String> jsonValue();

        /** A slower answer fails the check. */
        Optional<Duration> maxResponseTime();

        /** Whether an https certificate that is not trusted is accepted (its expiry is still read). */
        @WithDefault("false")
        boolean insecure();
    }
}
