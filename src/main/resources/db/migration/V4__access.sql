-- API tokens and the audit trail of every change made through the API.
-- Portable between SQL Server and H2 in MODE=MSSQLServer (see V1).

-- A token's secret is shown once when it is made; only its SHA-256 (hex) is kept.
CREATE TABLE api_token (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    secret_hash  VARCHAR(64)  NOT NULL,
    created_at   DATETIME2    NOT NULL,
    created_by   VARCHAR(200) NULL,
    last_used_at DATETIME2    NULL,
    expires_at   DATETIME2    NULL,
    revoked_at   DATETIME2    NULL
);
CREATE UNIQUE INDEX api_token_secret ON api_token (secret_hash);

-- Who changed what (or tried to: outcome is the HTTP status), when and from where; never a body or a secret.
CREATE TABLE audit_event (
    id        VARCHAR(36)   NOT NULL PRIMARY KEY,
    at        DATETIME2     NOT NULL,
    actor     VARCHAR(200)  NOT NULL,
    auth      VARCHAR(16)   NOT NULL,
    action    VARCHAR(16)   NOT NULL,
    target    VARCHAR(400)  NOT NULL,
    outcome   INT           NOT NULL,
    remote    VARCHAR(100)  NULL,
    detail    VARCHAR(1000) NULL
);
CREATE INDEX audit_event_at ON audit_event (at);
CREATE INDEX audit_event_actor ON audit_event (actor, at);
