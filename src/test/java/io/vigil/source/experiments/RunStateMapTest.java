package io.vigil.source.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vigil.hub.view.RunState;

class RunStateMapTest {

    private final RunStateMap map = new RunStateMap(Map.of("1", "Running", "2", "Paused", "64", "Aborted", "128", "Complete"));

    @Test
    void venusCodes() {
        assertThat(map.map("1")).isEqualTo(RunState.RUNNING);
        assertThat(map.map("2")).isEqualTo(RunState.PAUSED);
        assertThat(map.map("64")).isEqualTo(RunState.ABORTED);
        assertThat(map.map(" 128 ")).isEqualTo(RunState.COMPLETE);
    }

    @Test
    void stateNamesInAnyCase() {
        assertThat(map.map("Running")).isEqualTo(RunState.RUNNING);
        assertThat(map.map("paused")).isEqualTo(RunState.PAUSED);
        assertThat(map.map("Complete")).isEqualTo(RunState.COMPLETE);
        assertThat(map.map("Completed")).isEqualTo(RunState.COMPLETE);
        assertThat(map.map("ABORTED")).isEqualTo(RunState.ABORTED);
        assertThat(map.map("Error")).isEqualTo(RunState.ERROR);
        assertThat(map.map("Unknown")).isEqualTo(RunState.UNKNOWN);
    }

    @Test
    void anythingElseIsUnknown() {
        assertThat(map.map("4711")).isEqualTo(RunState.UNKNOWN);
        assertThat(map.map(null)).isEqualTo(RunState.UNKNOWN);
        assertThat(map.map("")).isEqualTo(RunState.UNKNOWN);
    }

    @Test
    void theMapIsConfiguration() {
        RunStateMap lab = new RunStateMap(Map.of("3", "Error", "128", "Complete"));
        assertThat(lab.map("3")).isEqualTo(RunState.ERROR);
        assertThat(lab.map("1")).isEqualTo(RunState.UNKNOWN);
        assertThatThrownBy(() -> new RunStateMap(Map.of("5", "Exploded"))).hasMessageContaining("state-map");
    }
}
