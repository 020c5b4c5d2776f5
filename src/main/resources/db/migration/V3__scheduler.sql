-- Scheduled experiments and their executions; executions of deleted schedules move to the archive with a
-- snapshot of the schedule's name and path.

CREATE TABLE schedule (
    id                        VARCHAR(36)   NOT NULL PRIMARY KEY,
    name                      VARCHAR(200)  NOT NULL,
    experiment_path           VARCHAR(1000) NOT NULL,
    schedule_type             VARCHAR(16)   NOT NULL,
    interval_hours            FLOAT         NULL,
    cron                      VARCHAR(200)  NULL,
    start_at                  DATETIME2     NULL,
    max_retries               INT           NOT NULL,
    retry_delay_ms            BIGINT        NOT NULL,
    backoff                   VARCHAR(16)   NOT NULL,
    expected_duration_ms      BIGINT        NULL,
    active                    SMALLINT      NOT NULL,
    archived                  SMALLINT      NOT NULL,
    next_run                  DATETIME2     NULL,
    last_run                  DATETIME2     NULL,
    retry_attempt             INT           NOT NULL,
    recovery_note             VARCHAR(2000) NULL,
    recovery_actor            VARCHAR(200)  NULL,
    recovery_at               DATETIME2     NULL,
    version                   INT           NOT NULL,
    created_at                DATETIME2     NOT NULL,
    updated_at                DATETIME2     NOT NULL
);

CREATE TABLE job_execution (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    schedule_id     VARCHAR(36)   NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    attempt         INT           NOT NULL,
    retry_count     INT           NOT NULL,
    start_time      DATETIME2     NULL,
    end_time        DATETIME2     NULL,
    exit_code       INT           NULL,
    error           VARCHAR(2000) NULL,
    command         VARCHAR(2000) NULL,
    output_tail     VARCHAR(8000) NULL,
    run_guid        VARCHAR(64)   NULL,
    created_at      DATETIME2     NOT NULL
);
CREATE INDEX job_execution_schedule ON job_execution (schedule_id, created_at);

CREATE TABLE job_execution_archive (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    schedule_id     VARCHAR(36)   NOT NULL,
    schedule_name   VARCHAR(200)  NOT NULL,
    experiment_path VARCHAR(1000) NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    attempt         INT           NOT NULL,
    retry_count     INT           NOT NULL,
    start_time      DATETIME2     NULL,
    end_time        DATETIME2     NULL,
    exit_code       INT           NULL,
    error           VARCHAR(2000) NULL,
    command         VARCHAR(2000) NULL,
    output_tail     VARCHAR(8000) NULL,
    run_guid        VARCHAR(64)   NULL,
    created_at      DATETIME2     NOT NULL,
    archived_at     DATETIME2     NOT NULL
);
CREATE INDEX job_execution_archive_schedule ON job_execution_archive (schedule_id, created_at);
