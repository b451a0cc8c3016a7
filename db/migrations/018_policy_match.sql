-- POL-2/POL-3 results stored compactly: one row per enterprise holding the ids of the policies
-- it meets and of those it is one condition away from, instead of a row per enterprise × policy.
-- At 100,000 enterprises × 200 policies the pair table held ~5 million rows (met or nearly met
-- is about a quarter of all pairs) and a full recomputation spent most of its time writing and
-- reading them back; per enterprise it is 100,000 short rows, and an enterprise's change is one
-- row. `policy_result` stays as a view with its old columns for the readers that count by policy.

CREATE TABLE policy_match (
  enterprise_id  bigint PRIMARY KEY REFERENCES enterprise (organisation_id) ON DELETE CASCADE,
  -- Policy ids, ascending. met: gap 0. unknown / unmet: gap 1 (one condition away), whose one
  -- condition is an unreported field (待补充) or an unmet one.
  met            bigint[] NOT NULL DEFAULT '{}',
  unknown        bigint[] NOT NULL DEFAULT '{}',
  unmet          bigint[] NOT NULL DEFAULT '{}',
  computed_at    timestamptz NOT NULL DEFAULT now()
);

INSERT INTO policy_match (enterprise_id, met, unknown, unmet, computed_at)
SELECT enterprise_id,
       coalesce(array_agg(policy_id ORDER BY policy_id) FILTER (WHERE gap = 0), '{}'),
       coalesce(array_agg(policy_id ORDER BY policy_id) FILTER (WHERE gap = 1 AND status = 1), '{}'),
       coalesce(array_agg(policy_id ORDER BY policy_id) FILTER (WHERE gap = 1 AND status = 0), '{}'),
       max(computed_at)
FROM policy_result GROUP BY enterprise_id;

DROP TABLE policy_result;

-- The old pair rows (status: 0 unmet, 1 unknown, 2 met; gap 0 met, 1 nearly), for counting by
-- policy, street or issuer. A filter on policy_id scans every enterprise's arrays: pages about one
-- policy read `policy_match` with `@>` instead.
CREATE VIEW policy_result AS
  SELECT u.policy_id, m.enterprise_id, 2::smallint AS status, 0::smallint AS gap, m.computed_at
    FROM policy_match m CROSS JOIN LATERAL unnest(m.met) AS u(policy_id)
  UNION ALL
  SELECT u.policy_id, m.enterprise_id, 1::smallint, 1::smallint, m.computed_at
    FROM policy_match m CROSS JOIN LATERAL unnest(m.unknown) AS u(policy_id)
  UNION ALL
  SELECT u.policy_id, m.enterprise_id, 0::smallint, 1::smallint, m.computed_at
    FROM policy_match m CROSS JOIN LATERAL unnest(m.unmet) AS u(policy_id);

-- Results are now compared with the stored match itself, not with the profile they were
-- computed from: the snapshot kept for that goes.
ALTER TABLE enterprise_profile DROP COLUMN evaluated, DROP COLUMN evaluated_at;

-- POL-3 the daily recomputation of what the date changes (years since registration or move-in,
-- validity windows): one row per China day it ran for, so a pass runs once a day across instances
-- and restarts, and the next pass knows which days' window boundaries it has to catch up on.
CREATE TABLE policy_date_run (
  as_of        date PRIMARY KEY,
  policies     integer NOT NULL,
  changed      integer NOT NULL,
  finished_at  timestamptz NOT NULL DEFAULT now()
);
