-- SEC-2 the audit chain is linked after commit (docs/decisions/0004-audit-chain-after-commit.md).
-- A change still writes its audit row in its own transaction; a chainer then links committed
-- rows into the hash chain in the order it finds them (chain_seq), so writers no longer queue
-- on one lock through their commits. Rows not yet linked have chain_seq, prev_hash and hash NULL.
ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_log ADD COLUMN chain_seq bigint;
-- Rows so far were chained in id order.
UPDATE audit_log SET chain_seq = id;
CREATE UNIQUE INDEX audit_log_chain_seq_idx ON audit_log (chain_seq);
CREATE INDEX audit_log_unchained_idx ON audit_log (id) WHERE chain_seq IS NULL;
