package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class HumanDurationTest {

    @Test
    void readsWhatPeopleType() {
        assertThat(HumanDuration.parse("window", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(HumanDuration.parse("window", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(HumanDuration.parse("window", "15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(HumanDuration.parse("window", "2h")).isEqualTo(Duration.ofHours(2));
        assertThat(HumanDuration.parse("window", "1d")).isEqualTo(Duration.ofDays(1));
        assertThat(HumanDuration.parse("window", "PT15M")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void namesTheParameterWhenItCannot() {
        assertThatThrownBy(() -> HumanDuration.parse("window", "banana")).hasMessageContaining("window='banana'");
        assertThatThrownBy(() -> HumanDuration.parse("step", "0s")).hasMessageContaining("longer than zero");
        assertThatThrownBy(() -> HumanDuration.parse("step", "-5m")).hasMessageContaining("step");
    }
}
