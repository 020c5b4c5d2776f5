-- Peer services checked by the services source, as made over /api/v1/services (targets from configuration are not
-- stored). Portable between SQL Server and H2 in MODE=MSSQLServer (see V1).

-- headers: a JSON object of header names and values; the values are secrets the API never shows again.
CREATE TABLE service_target (
    name                  VARCHAR(64)   NOT NULL PRIMARY KEY,
    url                   VARCHAR(2000) NOT NULL,
    method                VARCHAR(16)   NOT NULL,
    headers               VARCHAR(8000) NULL,
    interval_ms           BIGINT        NOT NULL,
    timeout_ms            BIGINT        NOT NULL,
    expected_status       VARCHAR(200)  NOT NULL,
    body_contains         VARCHAR(1000) NULL,
    json_path             VARCHAR(200)  NULL,
    json_value            VARCHAR(1000) NULL,
    max_response_time_ms  BIGINT        NULL,
    insecure              SMALLINT      NOT NULL,
    created_at            DATETIME2     NOT NULL,
    updated_at            DATETIME2     NOT NULL
);
