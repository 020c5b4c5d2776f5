-- Alert rules, silences, the alerts themselves and their history.
-- Portable between SQL Server and H2 in MODE=MSSQLServer: VARCHAR, BIGINT, FLOAT, DATETIME2; JSON kept as text.

CREATE TABLE alert_rule (
    name        VARCHAR(200)  NOT NULL PRIMARY KEY,
    definition  VARCHAR(8000) NOT NULL,
    origin      VARCHAR(16)   NOT NULL,
    enabled     SMALLINT      NOT NULL,
    version     INT           NOT NULL,
    created_at  DATETIME2     NOT NULL,
    updated_at  DATETIME2     NOT NULL
);

CREATE TABLE silence (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    matchers    VARCHAR(4000) NOT NULL,
    starts_at   DATETIME2     NOT NULL,
    ends_at     DATETIME2     NOT NULL,
    created_by  VARCHAR(200)  NOT NULL,
    comment     VARCHAR(2000) NOT NULL,
    created_at  DATETIME2     NOT NULL
);

-- The state of every alert that is pending, firing or recently resolved, so a restart resumes it.
CREATE TABLE active_alert (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    rule_name   VARCHAR(200)  NOT NULL,
    state       VARCHAR(16)   NOT NULL,
    body        VARCHAR(8000) NOT NULL,
    updated_at  DATETIME2     NOT NULL
);

CREATE TABLE alert_history (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    alert_id    VARCHAR(64)   NOT NULL,
    rule_name   VARCHAR(200)  NOT NULL,
    severity    VARCHAR(16)   NOT NULL,
    state       VARCHAR(16)   NOT NULL,
    labels      VARCHAR(4000) NOT NULL,
    alert_value FLOAT         NULL,
    summary     VARCHAR(2000) NULL,
    at          DATETIME2     NOT NULL
);
CREATE INDEX alert_history_at ON alert_history (at);

CREATE TABLE alert_ack (
    alert_id    VARCHAR(64)   NOT NULL,
    episode     VARCHAR(100)  NOT NULL,
    acked_by    VARCHAR(200)  NOT NULL,
    acked_at    DATETIME2     NOT NULL,
    note        VARCHAR(2000) NULL,
    PRIMARY KEY (alert_id, episode)
);
