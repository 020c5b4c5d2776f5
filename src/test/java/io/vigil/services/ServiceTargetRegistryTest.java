package io.vigil.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vigil.hub.view.ServiceTarget;

/** Targets from configuration: {@code vigil.services."name".*} and the older monitors' SERVICE_URLS. */
class ServiceTargetRegistryTest {

    private static ServicesConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ServicesConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(ServicesConfig.class);
    }

    @Test
    void targetsFromPropertiesTakeTheDefaultsForWhatTheyLeaveOut() {
        List<ServiceTarget> targets = ServiceTargetRegistry.fromConfig(config(Map.of(
                "vigil.services.\"model_service\".url", "https://models.lab:8001/health",
                "vigil.services.\"model_service\".interval", "30s",
                "vigil.services.\"model_service\".headers.\"X-Api-Key\"", "k",
                "vigil.services.\"model_service\".expected-status", "200,204",
                "vigil.services.\"model_service\".json-path", "$.status",
                "vigil.services.\"model_service\".json-value", "UP",
                "vigil.services.db.url", "tcp://db:1433")), List.of("gateway=http://localhost:8000", "http://localhost:8004"));
        assertThat(targets).extracting(ServiceTarget::name).containsExactlyInAnyOrder("model_service", "db", "gateway",
                "localhost-8004");
        ServiceTarget model = targets.stream().filter(t -> t.name().equals("model_service")).findFirst().orElseThrow();
        assertThat(model.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(model.timeout()).isEqualTo(TargetDefaults.TIMEOUT);
        assertThat(model.headers()).containsEntry("X-Api-Key", "k");
        assertThat(model.expects(204)).isTrue();
        assertThat(model.expects(201)).isFalse();
        assertThat(model.origin()).isEqualTo("config");
        ServiceTarget gateway = targets.stream().filter(t -> t.name().equals("gateway")).findFirst().orElseThrow();
        assertThat(gateway.interval()).isEqualTo(TargetDefaults.INTERVAL);
        assertThat(gateway.method()).isEqualTo("GET");
    }

    @Test
    void aWrongPropertyIsNamed() {
        assertThatThrownBy(() -> ServiceTargetRegistry.fromConfig(config(Map.of("vigil.services.db.url", "tcp://db")), List.of()))
                .hasMessageStartingWith("vigil.services.\"db\".url: ");
        assertThatThrownBy(() -> ServiceTargetRegistry.fromConfig(config(Map.of()), List.of("chat=mailto:x")))
                .hasMessageContaining("SERVICE_URLS");
    }
}
