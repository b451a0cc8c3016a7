-- MAT-1 intake under concurrency: a foreign key check locks the parent row (FOR KEY SHARE), and
-- when several transactions hold that lock at once PostgreSQL records a multixact on the row and
-- WAL-logs the lock. Every matter points at a handful of rows that all intakes share — its
-- category, its street, its building, its enterprise, the account that submitted it, the desk
-- accounts notified — so each submission paid for eight such locks on the busiest rows of the
-- database (docs/decisions/0006-matter-references-guarded-by-parents.md: ~15 % of intake's
-- throughput at 10 connections).
--
-- Those parents are registry and reference rows the product never deletes (categories are
-- deactivated, accounts disabled, regions are the national table); the intake and the steps check
-- every reference they write. What the constraints still gave — a parent cannot vanish while a
-- matter points at it — is kept from the parent's side: deleting a referenced row is refused with
-- the foreign-key error (23503), as before. The matter's own children (events, slips) keep their
-- constraints: their parent is the matter written in the same transaction.
ALTER TABLE matter
  DROP CONSTRAINT matter_category_id_fkey,
  DROP CONSTRAINT matter_region_code_fkey,
  DROP CONSTRAINT matter_building_id_fkey,
  DROP CONSTRAINT matter_enterprise_id_fkey,
  DROP CONSTRAINT matter_handler_org_id_fkey,
  DROP CONSTRAINT matter_submitted_by_fkey;
ALTER TABLE matter_event DROP CONSTRAINT matter_event_actor_user_id_fkey;
ALTER TABLE notification DROP CONSTRAINT notification_user_id_fkey;

-- Arguments: the parent's key column, then pairs of (referencing table, referencing column).
CREATE FUNCTION hongtu_refuse_delete_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  key text := to_jsonb(OLD) ->> TG_ARGV[0];
  referenced boolean;
BEGIN
  FOR i IN 1 .. TG_NARGS - 1 BY 2 LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I::text = $1)', TG_ARGV[i], TG_ARGV[i + 1]) INTO referenced USING key;
    IF referenced THEN
      RAISE EXCEPTION 'delete on table "%" violates a reference from table "%"', TG_TABLE_NAME, TG_ARGV[i]
        USING ERRCODE = 'foreign_key_violation', TABLE = TG_ARGV[i],
          DETAIL = format('Key (%s)=(%s) is still referenced from table "%s".', TG_ARGV[0], key, TG_ARGV[i]);
    END IF;
  END LOOP;
  RETURN OLD;
END $$;

CREATE TRIGGER matter_category_referenced BEFORE DELETE ON matter_category
  FOR EACH ROW EXECUTE FUNCTION hongtu_refuse_delete_referenced('id', 'matter', 'category_id');
CREATE TRIGGER region_referenced_by_matter BEFORE DELETE ON region
  FOR EACH ROW EXECUTE FUNCTION hongtu_refuse_delete_referenced('code', 'matter', 'region_code');
CREATE TRIGGER building_referenced_by_matter BEFORE DELETE ON building
  FOR EACH ROW EXECUTE FUNCTION hongtu_refuse_delete_referenced('id', 'matter', 'building_id');
CREATE TRIGGER enterprise_referenced_by_matter BEFORE DELETE ON enterprise
  FOR EACH ROW EXECUTE FUNCTION hongtu_refuse_delete_referenced('organisation_id', 'matter', 'enterprise_id');
CREATE TRIGGER organisation_referenced_by_matter BEFORE DELETE ON organisation
  FOR EACH ROW EXECUTE FUNCTION hongtu_refuse_delete_referenced('id', 'matter', 'handler_org_id');
CREATE TRIGGER app_user_referenced_by_matter BEFORE DELETE ON app_user
  FOR EACH ROW EXECUTE FUNCTION hongtu_refuse_delete_referenced('id', 'matter', 'submitted_by',
    'matter_event', 'actor_user_id', 'notification', 'user_id');
