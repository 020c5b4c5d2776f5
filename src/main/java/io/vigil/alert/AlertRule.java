package io.vigil.alert;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.vigil.hub.Comparison;
import io.vigil.hub.SeriesKey;
import io.vigil.validation.OneLine;
import io.vigil.validation.Text;

/**
 * An alert rule. A threshold rule watches a series ({@code series} with optional label matchers) and compares each
 * sample with {@code threshold}; an event rule fires on a stream event ({@code event}: a run event such as
 * {@code RUN_ABORTED}, or {@code SOURCE_DOWN} for a source that went down), optionally only from one {@code source}.
 *
 * @param forDuration how long the condition must hold before the alert fires (Prometheus' {@code for})
 * @param keepFiringFor how long a firing alert keeps firing after the condition stopped; for event rules, how long
 *        the alert fires after the event ({@code 0s}: the event is a notice, notified once and never an active alert)
 * @param optionalSeverity for {@code SOURCE_DOWN} rules, the severity when the source that went down is optional;
 *        {@code severity} when unset
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertRule(String name, @OneLine(max = 1000) String series, String op, Double threshold,
        @OneLine(max = 100) String event, @OneLine(max = 100) String source, @JsonProperty("for") Duration forDuration,
        Duration keepFiringFor, String severity, String optionalSeverity,
        Map<@OneLine(max = 100) String, @OneLine(max = 1000) String> labels,
        Map<@OneLine(max = 100) String, @Text(max = 2000) String> annotations,
        @Size(max = 10, message = "must name at most {max} receivers") List<@OneLine(max = 100) String> receivers,
        Boolean enabled) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,199}");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    static final Set<String> RUN_EVENTS = Set.of("RUN_STARTED", "RUN_PAUSED", "RUN_RESUMED", "RUN_COMPLETED", "RUN_ABORTED",
            "RUN_ERROR", "EXECUTION_STARTED", "EXECUTION_COMPLETED", "EXECUTION_FAILED", "EXECUTION_ABORTED",
            "CAPACITY_EXHAUSTED", "LONG_RUNNING", "RECOVERY_REQUIRED");
    public static final String SOURCE_DOWN = "SOURCE_DOWN";
    static final Duration DEFAULT_EVENT_FIRING = Duration.ofHours(1);

    public AlertRule {
        severity = lowercase(severity);
        optionalSeverity = lowercase(optionalSeverity);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        receivers = receivers == null ? List.of() : List.copyOf(receivers);
    }

    @JsonIgnore
    public boolean isEvent() {
        return event != null;
    }

    @JsonIgnore
    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    @JsonIgnore
    public Severity severityLevel() {
        return Severity.parse(severity);
    }

    /** The severity of this rule's alert for a source that is optional or not (see {@code optional_severity}). */
    public Severity severityLevel(boolean optionalSource) {
        return optionalSource && optionalSeverity != null ? Severity.parse(optionalSeverity) : severityLevel();
    }

    /** An event rule whose events are notices: notified once, recorded, never held as an active alert. */
    @JsonIgnore
    public boolean isNotice() {
        return isEvent() && !SOURCE_DOWN.equals(event) && keepFiringFor != null && keepFiringFor.isZero();
    }

    @JsonIgnore
    public Comparison comparison() {
        return Comparison.parse(op);
    }

    @JsonIgnore
    public SeriesKey selector() {
        return SeriesKey.parse(series);
    }

    @JsonIgnore
    public Duration pendingFor() {
        return forDuration == null ? Duration.ZERO : forDuration;
    }

    @JsonIgnore
    public Duration firingAfter() {
        if (keepFiringFor != null) {
            return keepFiringFor;
        }
        return isEvent() && !SOURCE_DOWN.equals(event) ? DEFAULT_EVENT_FIRING : Duration.ZERO;
    }

    /**
     * Checks every field and throws naming the first one at fault.
     *
     * @throws InvalidRuleException with the field name
     */
    public AlertRule validate() {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRuleException("name", "required: a letter, then letters, digits, '_', '.' or '-' (200 at most)");
        }
        if (severity == null) {
            throw new InvalidRuleException("severity", "required: critical, warning or info");
        }
        try {
            Severity.parse(severity);
        } catch (IllegalArgumentException e) {
            throw new InvalidRuleException("severity", e.getMessage());
        }
        if (optionalSeverity != null) {
            if (!SOURCE_DOWN.equals(event)) {
                throw new InvalidRuleException("optional_severity", "only SOURCE_DOWN rules have one");
            }
            try {
                Severity.parse(optionalSeverity);
            } catch (IllegalArgumentException e) {
                throw new InvalidRuleException("optional_severity", e.getMessage());
            }
        }
        if (forDuration != null && forDuration.isNegative()) {
            throw new InvalidRuleException("for", "must not be negative, got " + forDuration);
        }
        if (keepFiringFor != null && keepFiringFor.isNegative()) {
            throw new InvalidRuleException("keep_firing_for", "must not be negative, got " + keepFiringFor);
        }
        if ((series == null) == (event == null)) {
            throw new InvalidRuleException("series", "give either series (a threshold rule) or event (an event rule)");
        }
        if (series != null) {
            try {
                SeriesKey.parse(series);
            } catch (IllegalArgumentException e) {
                throw new InvalidRuleException("series", e.getMessage());
            }
            try {
                Comparison.parse(op);
            } catch (IllegalArgumentException e) {
                throw new InvalidRuleException("op", e.getMessage());
            }
            if (threshold == null || threshold.isNaN()) {
                throw new InvalidRuleException("threshold", "required: the number the series is compared with");
            }
        } else if (!RUN_EVENTS.contains(event) && !SOURCE_DOWN.equals(event)) {
            throw new InvalidRuleException("event", "'" + event + "' is not an event; use " + SOURCE_DOWN + " or one of "
                    + RUN_EVENTS.stream().sorted().toList());
        }
        for (String label : labels.keySet()) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidRuleException("labels", "'" + label + "' is not a label name");
            }
        }
        return this;
    }

    /** Severities are written lowercase, as on the wire; text that is not a severity is kept for validate to name. */
    private static String lowercase(String severity) {
        try {
            return severity == null ? null : Severity.parse(severity).label();
        } catch (IllegalArgumentException e) {
            return severity;
        }
    }
}
