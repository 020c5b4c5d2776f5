package io.vigil.source.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RejectionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final List<String> log = new ArrayList<>();
    private final Rejections rejections = new Rejections(clock, Duration.ofMinutes(1), log::add);

    @Test
    void everyRejectionIsCountedButLoggedAtMostOnceAMinute() {
        rejections.reject("results.face", new MessageRejected(RejectReason.NOT_JSON, "not JSON: 'garbage'"));
        for (int i = 0; i < 999; i++) {
            clock.advance(Duration.ofMillis(50));
            rejections.reject("results.face", new MessageRejected(RejectReason.MISSING_FIELD, "'status' is missing"));
        }
        assertThat(rejections.counts()).containsEntry("not_json", 1L).containsEntry("missing_field", 999L)
                .containsEntry("too_large", 0L).containsEntry("wrong_type", 0L).containsEntry("bad_value", 0L)
                .containsEntry("bad_timestamp", 0L);
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).contains("results.face", "not_json", "garbage");

        clock.advance(Duration.ofSeconds(20)); // 49.95 s + 20 s since the first line
        rejections.reject("gateway_events", new MessageRejected(RejectReason.BAD_VALUE, "event must be heartbeat"));
        assertThat(log).hasSize(2);
        assertThat(log.get(1)).contains("gateway_events", "bad_value", "999 more rejected since the previous report");

        clock.advance(Duration.ofSeconds(59));
        rejections.reject("gateway_events", new MessageRejected(RejectReason.BAD_VALUE, "event must be heartbeat"));
        assertThat(log).hasSize(2);
    }

    @Test
    void aFieldOfTheMessageCannotForgeALogLine() {
        String forged = "2026-12-01 12:00:00,000 ERROR [fake] injected";
        rejections.reject("results.face", new MessageRejected(RejectReason.BAD_VALUE,
                "status must be success or error, got 'x\r\n" + forged + "\u0085" + forged + "'"));
        assertThat(log).singleElement().asString()
                .doesNotContain("\n", "\r", "\u0085")
                .contains("got 'x\\r\\n" + forged + "\\u0085" + forged + "'");
    }

    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
