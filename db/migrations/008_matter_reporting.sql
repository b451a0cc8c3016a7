-- DSH-1 the matters dashboard: 按时办结 as a stored fact, and a monthly rollup
-- kept by triggers so city figures over a million matters read a few thousand rows.

-- Set by the closing step (办结): no resolution or reply clock ran past its due time.
ALTER TABLE matter ADD COLUMN closed_on_time boolean;

-- Open matters of a region and period, for 当前超期 (overdue now) without touching closed ones.
CREATE INDEX matter_open_region_idx ON matter (region_code text_pattern_ops, created_at)
  WHERE status NOT IN ('closed', 'withdrawn');

-- One row per China month of intake × street (the first 9 digits of the matter's region)
-- × category × current handler (0: none). Every count describes the matters received in that
-- month as they stand now, so the dashboard of any period made of whole months is a sum.
CREATE TABLE matter_rollup (
  month              date NOT NULL,
  region9            text NOT NULL,
  category_id        bigint NOT NULL,
  handler_org_id     bigint NOT NULL,
  received           integer NOT NULL DEFAULT 0,
  key_enterprise     integer NOT NULL DEFAULT 0,
  withdrawn          integer NOT NULL DEFAULT 0,
  open               integer NOT NULL DEFAULT 0,
  responded          integer NOT NULL DEFAULT 0,
  responded_on_time  integer NOT NULL DEFAULT 0,
  closed             integer NOT NULL DEFAULT 0,
  closed_on_time     integer NOT NULL DEFAULT 0,
  close_minutes      bigint NOT NULL DEFAULT 0,
  rated              integer NOT NULL DEFAULT 0,
  satisfied          integer NOT NULL DEFAULT 0,
  reopened           integer NOT NULL DEFAULT 0,
  at_building        integer NOT NULL DEFAULT 0,
  at_street          integer NOT NULL DEFAULT 0,
  at_district        integer NOT NULL DEFAULT 0,
  at_city            integer NOT NULL DEFAULT 0,
  esc_street         integer NOT NULL DEFAULT 0,
  esc_district       integer NOT NULL DEFAULT 0,
  esc_city           integer NOT NULL DEFAULT 0,
  PRIMARY KEY (month, region9, category_id, handler_org_id)
);
CREATE INDEX matter_rollup_region_idx ON matter_rollup (region9 text_pattern_ops, month);

-- One matter's contribution. Escalation goes one level at a time and nothing lowers a level,
-- so a matter now at level i after k escalations was escalated to each level i-k+1 … i once.
CREATE OR REPLACE FUNCTION matter_rollup_of(m matter) RETURNS matter_rollup LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(
    date_trunc('month', (m.created_at AT TIME ZONE 'UTC') + interval '8 hours')::date,
    left(m.region_code, 9),
    m.category_id,
    coalesce(m.handler_org_id, 0),
    1,
    (m.priority = 'key_enterprise')::int,
    (m.status = 'withdrawn')::int,
    (m.status NOT IN ('closed', 'withdrawn'))::int,
    (m.responded_at IS NOT NULL)::int,
    (m.responded_on_time IS TRUE)::int,
    (m.status = 'closed')::int,
    (m.status = 'closed' AND m.closed_on_time IS TRUE)::int,
    CASE WHEN m.status = 'closed' THEN coalesce(m.working_minutes_to_close, 0) ELSE 0 END,
    (m.satisfaction IS NOT NULL)::int,
    coalesce(m.satisfaction IN ('satisfied', 'basically_satisfied'), false)::int,
    (m.reopen_count > 0)::int,
    (m.level = 'building')::int,
    (m.level = 'street')::int,
    (m.level = 'district')::int,
    (m.level = 'city')::int,
    (m.level IN ('street', 'district', 'city') AND m.escalation_count >= (CASE m.level WHEN 'street' THEN 1 WHEN 'district' THEN 2 ELSE 3 END))::int,
    (m.level IN ('district', 'city') AND m.escalation_count >= (CASE m.level WHEN 'district' THEN 1 ELSE 2 END))::int,
    (m.level = 'city' AND m.escalation_count >= 1)::int
  )::matter_rollup
$$;

CREATE OR REPLACE FUNCTION matter_rollup_add(r matter_rollup, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO matter_rollup AS t VALUES (
    r.month, r.region9, r.category_id, r.handler_org_id,
    sign * r.received, sign * r.key_enterprise, sign * r.withdrawn, sign * r.open, sign * r.responded,
    sign * r.responded_on_time, sign * r.closed, sign * r.closed_on_time, sign * r.close_minutes, sign * r.rated,
    sign * r.satisfied, sign * r.reopened, sign * r.at_building, sign * r.at_street, sign * r.at_district,
    sign * r.at_city, sign * r.esc_street, sign * r.esc_district, sign * r.esc_city)
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
    esc_city = t.esc_city + EXCLUDED.esc_city
$$;

CREATE OR REPLACE FUNCTION matter_rollup_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN PERFORM matter_rollup_add(matter_rollup_of(OLD), -1); END IF;
  PERFORM matter_rollup_add(matter_rollup_of(NEW), 1);
  RETURN NULL;
END $$;

-- Deferred to commit: by then a step holds the audit chain lock (recordAudit), so every
-- writer of rollup rows is already in line and two steps cannot lock two rollup rows crosswise.
CREATE CONSTRAINT TRIGGER matter_rollup_insert AFTER INSERT ON matter
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION matter_rollup_trg();
CREATE CONSTRAINT TRIGGER matter_rollup_update AFTER UPDATE ON matter
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status
     OR OLD.level IS DISTINCT FROM NEW.level
     OR OLD.handler_org_id IS DISTINCT FROM NEW.handler_org_id
     OR OLD.responded_at IS DISTINCT FROM NEW.responded_at
     OR OLD.responded_on_time IS DISTINCT FROM NEW.responded_on_time
     OR OLD.satisfaction IS DISTINCT FROM NEW.satisfaction
     OR OLD.reopen_count IS DISTINCT FROM NEW.reopen_count
     OR OLD.escalation_count IS DISTINCT FROM NEW.escalation_count
     OR OLD.closed_on_time IS DISTINCT FROM NEW.closed_on_time
     OR OLD.working_minutes_to_close IS DISTINCT FROM NEW.working_minutes_to_close
     OR OLD.priority IS DISTINCT FROM NEW.priority
     OR OLD.region_code IS DISTINCT FROM NEW.region_code
     OR OLD.category_id IS DISTINCT FROM NEW.category_id
     OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION matter_rollup_trg();

-- Recomputes the whole rollup from the matters (after bulk loads that bypassed the triggers).
CREATE OR REPLACE FUNCTION matter_rollup_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM matter_rollup;
  INSERT INTO matter_rollup
  SELECT r.month, r.region9, r.category_id, r.handler_org_id,
    sum(r.received), sum(r.key_enterprise), sum(r.withdrawn), sum(r.open), sum(r.responded), sum(r.responded_on_time),
    sum(r.closed), sum(r.closed_on_time), sum(r.close_minutes), sum(r.rated), sum(r.satisfied), sum(r.reopened),
    sum(r.at_building), sum(r.at_street), sum(r.at_district), sum(r.at_city), sum(r.esc_street), sum(r.esc_district),
    sum(r.esc_city)
  FROM matter m CROSS JOIN LATERAL matter_rollup_of(m) r
  GROUP BY r.month, r.region9, r.category_id, r.handler_org_id;
$$;

SELECT matter_rollup_rebuild();
