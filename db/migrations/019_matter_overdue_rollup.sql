-- DSH-1 当前超期 (overdue now) kept in the rollup, so the dashboard over a million matters
-- reads a few thousand rows however many matters are overdue.
--
-- matter.overdue: the matter is in hand (not closed, withdrawn or waiting for the enterprise)
-- and a running clock has been found breached. The application keeps it with every write
-- (columnsOf in src/server/modules/matters/state.ts; the supervision sweep sets it at breach,
-- within a minute of the deadline), so it is a stored fact, not a comparison with now().
ALTER TABLE matter ADD COLUMN overdue boolean NOT NULL DEFAULT false;

-- Existing matters: the same rule, read from the stored clocks (isOverdue in matter-clocks.ts).
UPDATE matter SET overdue = true
WHERE status NOT IN ('closed', 'withdrawn', 'waiting_enterprise')
  AND EXISTS (SELECT 1 FROM jsonb_each(matter.clocks) c
              WHERE jsonb_typeof(c.value) = 'object' AND (c.value ->> 'breached') = 'true'
                AND (c.value ->> 'stoppedAt') IS NULL AND (c.value ->> 'pausedAt') IS NULL);

ALTER TABLE matter_rollup ADD COLUMN overdue integer NOT NULL DEFAULT 0;

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
    (m.level = 'city' AND m.escalation_count >= 1)::int,
    (m.overdue AND m.status NOT IN ('closed', 'withdrawn', 'waiting_enterprise'))::int
  )::matter_rollup
$$;

CREATE OR REPLACE FUNCTION matter_rollup_add(r matter_rollup, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO matter_rollup AS t VALUES (
    r.month, r.region9, r.category_id, r.handler_org_id,
    sign * r.received, sign * r.key_enterprise, sign * r.withdrawn, sign * r.open, sign * r.responded,
    sign * r.responded_on_time, sign * r.closed, sign * r.closed_on_time, sign * r.close_minutes, sign * r.rated,
    sign * r.satisfied, sign * r.reopened, sign * r.at_building, sign * r.at_street, sign * r.at_district,
    sign * r.at_city, sign * r.esc_street, sign * r.esc_district, sign * r.esc_city, sign * r.overdue)
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
$$;

DROP TRIGGER matter_rollup_update ON matter;
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
     OR OLD.created_at IS DISTINCT FROM NEW.created_at
     OR OLD.overdue IS DISTINCT FROM NEW.overdue)
  EXECUTE FUNCTION matter_rollup_trg();

CREATE OR REPLACE FUNCTION matter_rollup_rebuild() RETURNS void LANGUAGE sql AS $$
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

SELECT matter_rollup_rebuild();

-- The count no longer reads the open matters by deadline (migration 017).
DROP INDEX IF EXISTS matter_overdue_idx;
