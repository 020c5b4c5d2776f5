-- One row Vigil rewrites every vigil.store.probe-interval: whether that write succeeds is how readiness learns that
-- the database can (still) be written. Replicas share the row.

CREATE TABLE store_heartbeat (
    id       VARCHAR(16) NOT NULL PRIMARY KEY,
    beat_at  DATETIME2   NOT NULL
);

INSERT INTO store_heartbeat (id, beat_at) VALUES ('vigil', CURRENT_TIMESTAMP);
