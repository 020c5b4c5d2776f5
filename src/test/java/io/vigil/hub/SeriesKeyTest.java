package io.vigil.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SeriesKeyTest {

    @Test
    void parsesNamesAndMatchers() {
        assertThat(SeriesKey.parse("host.cpu.percent")).isEqualTo(new SeriesKey("host.cpu.percent", Map.of()));
        SeriesKey gpu = SeriesKey.parse("host.gpu.memory.percent{gpu=\"0\", host = \"a\"}");
        assertThat(gpu.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("gpu", "0", "host", "a"));
        assertThat(gpu.toString()).isEqualTo("host.gpu.memory.percent{gpu=\"0\",host=\"a\"}");
    }

    @Test
    void aSelectorMatchesKeysWithAtLeastItsLabels() {
        SeriesKey key = new SeriesKey("host.disk.percent", Map.of("mount", "/", "fs", "ext4"));
        assertThat(key.matches(SeriesKey.parse("host.disk.percent"))).isTrue();
        assertThat(key.matches(SeriesKey.parse("host.disk.percent{mount=\"/\"}"))).isTrue();
        assertThat(key.matches(SeriesKey.parse("host.disk.percent{mount=\"/data\"}"))).isFalse();
        assertThat(key.matches(SeriesKey.parse("host.disk.used_bytes"))).isFalse();
    }

    @Test
    void refusesWhatIsNotASelector() {
        assertThatThrownBy(() -> SeriesKey.parse("")).hasMessageContaining("required");
        assertThatThrownBy(() -> SeriesKey.parse("cpu percent")).hasMessageContaining("not a series name");
        assertThatThrownBy(() -> SeriesKey.parse("a{b=\"c\"")).hasMessageContaining("end with '}'");
        assertThatThrownBy(() -> SeriesKey.parse("a{b=c}")).hasMessageContaining("label matcher");
    }
}
