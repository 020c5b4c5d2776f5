package io.vigil.source.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StreamSpecTest {

    record Settings(Optional<String> exchange, List<String> routingKeys, Optional<String> queue,
            Optional<String> vigilQueue) implements PipelinesConfig.Stream {

        static Settings exchange(String exchange) {
            return new Settings(Optional.ofNullable(exchange), List.of("#"), Optional.of("face_pipeline_results"),
                    Optional.empty());
        }
    }

    @Test
    void aStreamWithAnExchangeIsConsumedFromAQueueOfVigilsOwn() {
        StreamSpec spec = StreamSpec.of("results.face", StreamSpec.Kind.RESULTS, "face", Settings.exchange("face_results"),
                List.of("face_tasks"), "1a2b");
        assertThat(spec.queueLevel()).isFalse();
        assertThat(spec.mode()).isEqualTo("consumer");
        assertThat(spec.vigilQueue()).isEqualTo("vigil.results.face.1a2b");
        assertThat(spec.workQueues()).containsExactly("face_tasks");
        assertThat(spec.problem()).isNull();
    }

    @Test
    void theDefaultExchangeMeansQueueLevel() {
        for (String exchange : new String[]{ null, "", "  ", "amq.default" }) {
            StreamSpec spec = StreamSpec.of("results.face", StreamSpec.Kind.RESULTS, "face", Settings.exchange(exchange),
                    List.of(), "1a2b");
            assertThat(spec.queueLevel()).as("exchange '%s'", exchange).isTrue();
            assertThat(spec.mode()).isEqualTo("queue-level");
            assertThat(spec.queue()).isEqualTo("face_pipeline_results");
            assertThat(spec.problem()).isNull();
        }
    }

    @Test
    void vigilRefusesToConsumeAQueueThatIsNotItsOwn() {
        Settings settings = new Settings(Optional.of("face_results"), List.of("#"), Optional.empty(),
                Optional.of("face_pipeline_results"));
        StreamSpec spec = StreamSpec.of("results.face", StreamSpec.Kind.RESULTS, "face", settings, List.of(), "1a2b");
        assertThat(spec.problem()).contains("refusing to consume 'face_pipeline_results'", "vigil.*");

        Settings own = new Settings(Optional.of("face_results"), List.of("face.#"), Optional.empty(),
                Optional.of("vigil.face-monitor"));
        assertThat(StreamSpec.of("results.face", StreamSpec.Kind.RESULTS, "face", own, List.of(), "1a2b").problem()).isNull();
    }

    @Test
    void queueLevelNeedsAQueue() {
        Settings settings = new Settings(Optional.empty(), List.of("#"), Optional.empty(), Optional.empty());
        StreamSpec spec = StreamSpec.of("saved_actions", StreamSpec.Kind.SAVED_ACTIONS, null, settings, List.of(), "1a2b");
        assertThat(spec.problem()).contains("no exchange and no queue");
    }
}
