package io.vigil.schedule;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.vigil.hub.MetricsHub;
import io.vigil.hub.StreamEvent;

/** Puts each step of an execution on the hub's {@code scheduler} topic, which the alert rules turn into notifications. */
@ApplicationScoped
public class SchedulerEvents {

    private final MetricsHub hub;

    public SchedulerEvents(MetricsHub hub) {
        this.hub = hub;
    }

    /** An event about execution {@code e} of schedule {@code s}, with {@code extra} attributes. */
    public void publish(String type, Schedule s, JobExecution e, Map<String, Object> extra) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("schedule_id", s.id());
        attributes.put("schedule_name", s.name());
        attributes.put("experiment_path", s.experimentPath());
        attributes.put("execution_id", e.id());
        attributes.put("status", e.status().label());
        attributes.put("attempt", e.attempt());
        if (e.exitCode() != null) {
            attributes.put("exit_code", e.exitCode());
        }
        if (e.error() != null) {
            attributes.put("error", e.error());
        }
        if (e.runGuid() != null) {
            attributes.put("run_guid", e.runGuid());
        }
        attributes.putAll(extra);
        hub.publish(new StreamEvent(ExperimentScheduler.TOPIC, type, attributes, Instant.now()));
    }
}
