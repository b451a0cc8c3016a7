-- DSH-1 rollup upkeep without crosswise waits. Audit rows no longer serialise every commit
-- (migration 020), so two steps may now commit at once: a step moving a matter from rollup
-- row A to row B and another moving one from B to A would each lock one row and wait for the
-- other's. The trigger now locks a step's two rows in key order, and a batch writer (the
-- supervision sweep) switches the per-row trigger off for its transaction and applies the
-- batch's changes itself in one statement, also in key order — so every writer takes rollup
-- rows in one global order and none can wait in a circle.
CREATE OR REPLACE FUNCTION matter_rollup_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  o matter_rollup;
  n matter_rollup;
BEGIN
  IF current_setting('hongtu.rollup_by_batch', true) = 'on' THEN RETURN NULL; END IF;
  n := matter_rollup_of(NEW);
  IF TG_OP = 'UPDATE' THEN
    o := matter_rollup_of(OLD);
    IF (o.month, o.region9, o.category_id, o.handler_org_id) <= (n.month, n.region9, n.category_id, n.handler_org_id) THEN
      PERFORM matter_rollup_add(o, -1);
      PERFORM matter_rollup_add(n, 1);
    ELSE
      PERFORM matter_rollup_add(n, 1);
      PERFORM matter_rollup_add(o, -1);
    END IF;
  ELSE
    PERFORM matter_rollup_add(n, 1);
  END IF;
  RETURN NULL;
END $$;
