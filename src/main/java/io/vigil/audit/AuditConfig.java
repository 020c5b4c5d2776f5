package io.vigil.audit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The audit trail of changes made through the API. */
@ConfigMapping(prefix = "vigil.audit")
public interface AuditConfig {

    /** How long an audit record is kept; older ones are deleted. */
    @WithDefault("90d")
    Duration retention();

    /** How often records older than the retention are deleted. */
    @WithDefault("24h")
    Duration pruneEvery();
}
