package io.vigil.notify.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class MessageContextTest {

    final MessageContext berlin = new MessageContext("http://vigil.lab:8080/", ZoneId.of("Europe/Berlin"));

    @Test
    void timesAreWrittenInTheLabsZoneToTheSecond() {
        assertThat(berlin.time(Instant.parse("2026-12-01T14:09:37.026338657Z"))).isEqualTo("2026-12-01 15:09:37 CET");
        assertThat(berlin.time(Instant.parse("2026-07-01T14:09:37.999Z"))).isEqualTo("2026-07-01 16:09:37 CEST");
        assertThat(new MessageContext("http://v", ZoneId.of("UTC")).time(Instant.parse("2026-12-01T14:09:37.5Z")))
                .isEqualTo("2026-12-01 14:09:37 UTC");
    }

    @Test
    void linksOpenTheDashboardOnTheAlertWithTheIdEncoded() {
        assertThat(berlin.externalUrl()).isEqualTo("http://vigil.lab:8080");
        assertThat(berlin.alertsUrl()).isEqualTo("http://vigil.lab:8080/#alerts");
        assertThat(berlin.alertUrl("HighCpu/lab1")).isEqualTo("http://vigil.lab:8080/?alert=HighCpu%2Flab1#alerts");
        assertThat(berlin.ackUrl("a&b=c #1")).isEqualTo("http://vigil.lab:8080/?ack=a%26b%3Dc+%231#alerts");
    }
}
