package io.vigil.notify.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vigil.alert.Severity;
import io.vigil.notify.NotifyConfig;
import io.vigil.notify.ReceiverType;
import io.vigil.notify.TestAlerts;

class RoutingTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    static NotifyConfig.Receiver receiver(boolean enabled, Severity min) {
        return new NotifyConfig.Receiver() {

            public ReceiverType type() {
                return ReceiverType.WEBHOOK;
            }

            public boolean enabled() {
                return enabled;
            }

            public Severity minSeverity() {
                return min;
            }

            public Optional<String> url() {
                return Optional.of("http://example.test/hook");
            }

            public Optional<String> routingKey() {

                return Optional.empty();

            }

            public Optional<List<String>> to() {
                return Optional.empty();
            }

            public Optional<List<String>> attachments() {
                return Optional.empty();
            }

            public Optional<String> subject() {
                return Optional.empty();
            }

            public Optional<String> body() {
                return Optional.empty();
            }

            public Optional<String> htmlBody() {
                return Optional.empty();
            }

            public Optional<Duration> repeatInterval() {
                return Optional.empty();
            }
        };
    }

    final Map<String, NotifyConfig.Receiver> receivers = new LinkedHashMap<>(Map.of(
            "all", receiver(true, Severity.INFO),
            "pager", receiver(true, Severity.CRITICAL),
            "off", receiver(false, Severity.INFO)));
    final List<String> unknown = new ArrayList<>();

    @Test
    void anAlertNamingNoReceiverGoesToEveryEnabledOneItsSeverityReaches() {
        assertThat(Routing.receiversFor(TestAlerts.firing("HighCpu", "lab1", Severity.WARNING, T0), receivers, unknown::add))
                .containsExactlyInAnyOrder("all");
        assertThat(Routing.receiversFor(TestAlerts.firing("HighCpu", "lab1", Severity.CRITICAL, T0), receivers, unknown::add))
                .containsExactlyInAnyOrder("all", "pager");
    }

    @Test
    void namedReceiversAreTheOnlyOnesAndUnknownNamesAreReported() {
        assertThat(Routing.receiversFor(TestAlerts.firing("HighCpu", "lab1", Severity.CRITICAL, T0, "pager", "off", "sms"),
                receivers, unknown::add)).containsExactly("pager");
        assertThat(unknown).containsExactly("sms");
    }
}
