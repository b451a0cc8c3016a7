-- DSH-1 the rollup kept without a hot row. Every matter of one month, street, category and
-- handler added to the same rollup row, so every write of such matters waited for the one
-- before it to commit (a row lock held through the commit's WAL flush): intake of one
-- building's matters could not pass one commit at a time (bench/README.md, matters).
--
-- Writers now only append their changes to matter_rollup_delta (no row is shared, nothing
-- waits); the fold (foldMatterRollup, every few seconds and before a rebuild is compared)
-- moves them into matter_rollup in key order. The dashboard reads matter_rollup_now, the
-- rollup and the deltas not yet folded, so a figure moves the moment its matter commits.
CREATE TABLE matter_rollup_delta (LIKE matter_rollup INCLUDING DEFAULTS);
ALTER TABLE matter_rollup_delta ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;

CREATE VIEW matter_rollup_now AS
  SELECT month, region9, category_id, handler_org_id, received, key_enterprise, withdrawn, open, responded,
    responded_on_time, closed, closed_on_time, close_minutes, rated, satisfied, reopened, at_building, at_street,
    at_district, at_city, esc_street, esc_district, esc_city, overdue
  FROM matter_rollup
  UNION ALL
  SELECT month, region9, category_id, handler_org_id, received, key_enterprise, withdrawn, open, responded,
    responded_on_time, closed, closed_on_time, close_minutes, rated, satisfied, reopened, at_building, at_street,
    at_district, at_city, esc_street, esc_district, esc_city, overdue
  FROM matter_rollup_delta;

-- A contribution times a sign (inlined where it is called: a plain expression).
CREATE OR REPLACE FUNCTION matter_rollup_times(r matter_rollup, sign integer) RETURNS matter_rollup LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(
    r.month, r.region9, r.category_id, r.handler_org_id,
    sign * r.received, sign * r.key_enterprise, sign * r.withdrawn, sign * r.open, sign * r.responded,
    sign * r.responded_on_time, sign * r.closed, sign * r.closed_on_time, sign * r.close_minutes, sign * r.rated,
    sign * r.satisfied, sign * r.reopened, sign * r.at_building, sign * r.at_street, sign * r.at_district,
    sign * r.at_city, sign * r.esc_street, sign * r.esc_district, sign * r.esc_city, sign * r.overdue)::matter_rollup
$$;

-- PL/pgSQL keeps the plan of its INSERT for the session; the earlier call of a SQL-language
-- function from the trigger was planned afresh at every row.
CREATE OR REPLACE FUNCTION matter_rollup_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n matter_rollup;
  o matter_rollup;
BEGIN
  IF current_setting('hongtu.rollup_by_batch', true) = 'on' THEN RETURN NULL; END IF;
  n := matter_rollup_of(NEW);
  IF TG_OP = 'UPDATE' THEN
    o := matter_rollup_times(matter_rollup_of(OLD), -1);
    INSERT INTO matter_rollup_delta (month, region9, category_id, handler_org_id, received, key_enterprise, withdrawn,
      open, responded, responded_on_time, closed, closed_on_time, close_minutes, rated, satisfied, reopened,
      at_building, at_street, at_district, at_city, esc_street, esc_district, esc_city, overdue)
    SELECT (x).* FROM (VALUES (o), (n)) AS v(x);
  ELSE
    INSERT INTO matter_rollup_delta (month, region9, category_id, handler_org_id, received, key_enterprise, withdrawn,
      open, responded, responded_on_time, closed, closed_on_time, close_minutes, rated, satisfied, reopened,
      at_building, at_street, at_district, at_city, esc_street, esc_district, esc_city, overdue)
    SELECT (n).*;
  END IF;
  RETURN NULL;
END $$;

-- Moves up to `batch` deltas into the rollup: the deltas taken are locked (SKIP LOCKED, so two
-- folds never take the same one) and deleted, their sums added to the rollup rows in key
-- order (two folds never wait for each other crosswise). Returns how many deltas it moved.
CREATE OR REPLACE FUNCTION matter_rollup_fold(batch integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  moved integer;
BEGIN
  WITH taken AS (
    DELETE FROM matter_rollup_delta
    WHERE id IN (SELECT id FROM matter_rollup_delta ORDER BY id LIMIT batch FOR UPDATE SKIP LOCKED)
    RETURNING *),
  added AS (
    INSERT INTO matter_rollup AS t
    SELECT month, region9, category_id, handler_org_id,
      sum(received), sum(key_enterprise), sum(withdrawn), sum(open), sum(responded), sum(responded_on_time),
      sum(closed), sum(closed_on_time), sum(close_minutes), sum(rated), sum(satisfied), sum(reopened),
      sum(at_building), sum(at_street), sum(at_district), sum(at_city), sum(esc_street), sum(esc_district),
      sum(esc_city), sum(overdue)
    FROM taken
    GROUP BY month, region9, category_id, handler_org_id
    ORDER BY month, region9, category_id, handler_org_id
    ON CONFLICT (month, region9, category_id, handler_org_id) DO UPDATE SET
      received = t.received + EXCLUDED.received,
      key_enterprise = t.key_enterprise + EXCLUDED.key_enterprise,
      withdrawn = t.withdrawn + EXCLUDED.withdrawn,
      open = t.open + EXCLUDED.open,
      responded = t.responded + EXCLUDED.responded,
      responded_on_time = t.responded_on_time + EXCLUDED.responded_on_time,
      closed = t.closed + EXCLUDED.closed,
      closed_on_time = t.closed_on_time + EXCLUDED.closed_on_time,
      close_minutes = t.close_minutes + EXCLUDED.close_minutes,
      rated = t.rated + EXCLUDED.rated,
      satisfied = t.satisfied + EXCLUDED.satisfied,
      reopened = t.reopened + EXCLUDED.reopened,
      at_building = t.at_building + EXCLUDED.at_building,
      at_street = t.at_street + EXCLUDED.at_street,
      at_district = t.at_district + EXCLUDED.at_district,
      at_city = t.at_city + EXCLUDED.at_city,
      esc_street = t.esc_street + EXCLUDED.esc_street,
      esc_district = t.esc_district + EXCLUDED.esc_district,
      esc_city = t.esc_city + EXCLUDED.esc_city,
      overdue = t.overdue + EXCLUDED.overdue
    RETURNING 1)
  SELECT count(*) INTO moved FROM taken;
  RETURN moved;
END $$;

-- A rebuild recounts from the matters: deltas written before it are part of what it counts.
CREATE OR REPLACE FUNCTION matter_rollup_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM matter_rollup_delta;
  DELETE FROM matter_rollup;
  INSERT INTO matter_rollup
  SELECT r.month, r.region9, r.category_id, r.handler_org_id,
    sum(r.received), sum(r.key_enterprise), sum(r.withdrawn), sum(r.open), sum(r.responded), sum(r.responded_on_time),
    sum(r.closed), sum(r.closed_on_time), sum(r.close_minutes), sum(r.rated), sum(r.satisfied), sum(r.reopened),
    sum(r.at_building), sum(r.at_street), sum(r.at_district), sum(r.at_city), sum(r.esc_street), sum(r.esc_district),
    sum(r.esc_city), sum(r.overdue)
  FROM matter m CROSS JOIN LATERAL matter_rollup_of(m) r
  GROUP BY r.month, r.region9, r.category_id, r.handler_org_id;
$$;

-- The rollup's upkeep no longer calls it.
DROP FUNCTION matter_rollup_add(matter_rollup, integer);
