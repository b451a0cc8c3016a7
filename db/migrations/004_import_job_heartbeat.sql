-- REG-9 an import job's worker proves it is alive: it touches `heartbeat_at` after every
-- batch and on a timer. A running job whose heartbeat has stopped lost its worker (a crash,
-- a restart) and is marked failed when read, so its owner can import the file again.
ALTER TABLE import_job ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX import_job_running_idx ON import_job (heartbeat_at) WHERE status = 'running';
