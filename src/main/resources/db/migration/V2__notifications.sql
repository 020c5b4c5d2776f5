-- Notification log, dedupe records, contacts and notification settings.
-- Portable between SQL Server and H2 in MODE=MSSQLServer: VARCHAR, INT, BIGINT, SMALLINT, DATETIME2 (UTC); ids are
-- UUID strings.

-- Every attempt to send a notification, whatever its outcome (success, failed, retrying, skipped).
CREATE TABLE notification_log (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    notification_id VARCHAR(36)   NOT NULL,
    dedupe_key      VARCHAR(400)  NOT NULL,
    receiver        VARCHAR(100)  NOT NULL,
    kind            VARCHAR(64)   NOT NULL,
    group_key       VARCHAR(1000) NOT NULL,
    alert_count     INT           NOT NULL,
    outcome         VARCHAR(16)   NOT NULL,
    attempt         INT           NOT NULL,
    error           VARCHAR(2000) NULL,
    detail          VARCHAR(1000) NULL,
    created_at      DATETIME2     NOT NULL
);
CREATE INDEX notification_log_created ON notification_log (created_at);
CREATE INDEX notification_log_receiver ON notification_log (receiver, created_at);

-- What has been delivered: one row per alert episode, receiver and kind (firing, repeat-N, resolved). The primary key
-- makes a second delivery of the same thing impossible to record, and it is read before every send.
CREATE TABLE notification_sent (
    dedupe_key      VARCHAR(300)  NOT NULL PRIMARY KEY,
    episode         VARCHAR(200)  NOT NULL,
    receiver        VARCHAR(100)  NOT NULL,
    kind            VARCHAR(32)   NOT NULL,
    notification_id VARCHAR(36)   NOT NULL,
    sent_at         DATETIME2     NOT NULL
);
CREATE INDEX notification_sent_episode ON notification_sent (receiver, episode);
CREATE INDEX notification_sent_at ON notification_sent (sent_at);

CREATE TABLE contact (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    name            VARCHAR(200)  NOT NULL,
    email           VARCHAR(320)  NOT NULL,
    min_severity    VARCHAR(16)   NOT NULL,
    created_at      DATETIME2     NOT NULL,
    updated_at      DATETIME2     NOT NULL
);
CREATE UNIQUE INDEX contact_email ON contact (email);

-- One row ('smtp') when the SMTP settings were set over REST; they take precedence over quarkus.mailer.*.
CREATE TABLE notification_settings (
    id              VARCHAR(16)   NOT NULL PRIMARY KEY,
    host            VARCHAR(255)  NOT NULL,
    port            INT           NOT NULL,
    tls             VARCHAR(16)   NOT NULL,
    from_address    VARCHAR(320)  NOT NULL,
    username        VARCHAR(320)  NULL,
    password_cipher VARCHAR(2000) NULL,
    updated_at      DATETIME2     NOT NULL
);
