package io.vigil.alert;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The alert rule evaluator. */
@ConfigMapping(prefix = "vigil.alerts")
public interface AlertsConfig {

    /** A YAML file of rules loaded at start; its rules replace stored rules of the same name. */
    Optional<String> rulesFile();

    /** Whether the default rules are stored on first start (they can then be edited or disabled over REST). */
    boolean defaultRules();

    /** How long a resolved alert stays listed. */
    Duration resolvedRetention();

    /** A series that stops arriving while its source is up counts as gone after this long. */
    Duration absentAfter();

    /** How often time-driven changes are checked: SOURCE_DOWN rules' {@code for}, event alerts ending, silences ending. */
    Duration tick();
}
