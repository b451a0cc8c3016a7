-- GRD-1 … GRD-3 grids and households (网格化管理, 党员包户) and the field work of the
-- members who look after them. Runs unchanged on PostgreSQL 15+ and on PGlite.

-- GRD-1 a grid (网格) inside a village or community (12-digit region code).
CREATE TABLE grid (
  id            bigserial PRIMARY KEY,
  village_code  text NOT NULL REFERENCES region (code) CHECK (village_code ~ '^[0-9]{12}$'),
  name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 50),
  lng           double precision,
  lat           double precision,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (village_code, name)
);
CREATE INDEX grid_village_idx ON grid (village_code text_pattern_ops);

-- GRD-1 a party member who may carry households in a village: where they live and whether
-- they are exempt (NULL: by the age rule; true: exempt; false: carries whatever the age).
CREATE TABLE grid_member (
  person_id     bigint PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
  village_code  text NOT NULL REFERENCES region (code) CHECK (village_code ~ '^[0-9]{12}$'),
  grid_id       bigint REFERENCES grid (id) ON DELETE SET NULL,
  lng           double precision,
  lat           double precision,
  exempt        boolean,
  exempt_note   text CHECK (exempt_note IS NULL OR length(exempt_note) <= 200),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX grid_member_village_idx ON grid_member (village_code text_pattern_ops);

-- GRD-1 a household (农户) and the member responsible for it (党员包户): one member at a
-- time, kept on the row so every scope check on a household is one indexed comparison.
CREATE TABLE household (
  id                bigserial PRIMARY KEY,
  village_code      text NOT NULL REFERENCES region (code) CHECK (village_code ~ '^[0-9]{12}$'),
  grid_id           bigint REFERENCES grid (id) ON DELETE SET NULL,
  address           text NOT NULL CHECK (length(btrim(address)) BETWEEN 1 AND 200),
  lng               double precision,
  lat               double precision,
  note              text CHECK (note IS NULL OR length(note) <= 500),
  member_person_id  bigint REFERENCES person (id) ON DELETE SET NULL,
  -- A manual pin: assignment runs leave the household with its member.
  pinned            boolean NOT NULL DEFAULT false,
  distance_km       double precision,
  assigned_at       timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT pinned OR member_person_id IS NOT NULL)
);
CREATE INDEX household_village_idx ON household (village_code text_pattern_ops);
CREATE INDEX household_member_idx ON household (member_person_id);

-- The people of a household. Names, phones and ID numbers are personal data (ORG-3): encrypted
-- (AES-256-GCM, key outside the database) with a masked copy beside them.
CREATE TABLE household_resident (
  id                bigserial PRIMARY KEY,
  household_id      bigint NOT NULL REFERENCES household (id) ON DELETE CASCADE,
  relation          text NOT NULL CHECK (relation IN ('head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other')),
  name_enc          text NOT NULL,
  name_masked       text NOT NULL,
  birth_year        integer CHECK (birth_year BETWEEN 1900 AND 2100),
  phone_enc         text,
  phone_masked      text,
  id_number_enc     text,
  id_number_masked  text,
  sort              integer NOT NULL DEFAULT 0
);
CREATE INDEX household_resident_household_idx ON household_resident (household_id);

-- GRD-1 an assignment run: previewed (the plan beside the greedy baseline), then applied
-- when nothing it was computed from has changed (`basis` is a digest of its inputs).
CREATE TABLE household_assignment_run (
  id            bigserial PRIMARY KEY,
  region_code   text NOT NULL REFERENCES region (code),
  status        text NOT NULL CHECK (status IN ('preview', 'applied', 'superseded')),
  params        jsonb NOT NULL,
  stats         jsonb NOT NULL,
  baseline      jsonb NOT NULL,
  violations    jsonb NOT NULL,
  changes       jsonb NOT NULL,
  basis         text NOT NULL,
  elapsed_ms    double precision NOT NULL,
  created_by    bigint REFERENCES app_user (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  applied_by    bigint REFERENCES app_user (id) ON DELETE SET NULL,
  applied_at    timestamptz
);
CREATE INDEX household_assignment_run_region_idx ON household_assignment_run (region_code text_pattern_ops, id);

-- GRD-2 field work. Every record carries the id the phone made for it (client_id, a uuid),
-- so a record made offline and synced twice is stored once; `member_person_id` is the member
-- who did the work (their own records are what a member sees); `matter_id` the matter it raised.

-- 入户宣传 a visit to a household.
CREATE TABLE visit (
  id                bigserial PRIMARY KEY,
  client_id         uuid NOT NULL UNIQUE,
  household_id      bigint NOT NULL REFERENCES household (id) ON DELETE CASCADE,
  village_code      text NOT NULL REFERENCES region (code),
  member_person_id  bigint REFERENCES person (id) ON DELETE SET NULL,
  visited_on        date NOT NULL,
  topics            text[] NOT NULL DEFAULT '{}',
  notes             text CHECK (notes IS NULL OR length(notes) <= 2000),
  matter_id         bigint REFERENCES matter (id) ON DELETE SET NULL,
  created_by        bigint REFERENCES app_user (id) ON DELETE SET NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visit_household_idx ON visit (household_id, visited_on);
CREATE INDEX visit_village_idx ON visit (village_code text_pattern_ops, visited_on);
CREATE INDEX visit_member_idx ON visit (member_person_id);

-- 公共基础设施管护 and 人居环境整治.
CREATE TABLE upkeep (
  id                bigserial PRIMARY KEY,
  client_id         uuid NOT NULL UNIQUE,
  kind              text NOT NULL CHECK (kind IN ('infrastructure', 'environment')),
  village_code      text NOT NULL REFERENCES region (code),
  grid_id           bigint REFERENCES grid (id) ON DELETE SET NULL,
  member_person_id  bigint REFERENCES person (id) ON DELETE SET NULL,
  done_on           date NOT NULL,
  subject           text NOT NULL CHECK (length(btrim(subject)) BETWEEN 1 AND 100),
  notes             text CHECK (notes IS NULL OR length(notes) <= 2000),
  matter_id         bigint REFERENCES matter (id) ON DELETE SET NULL,
  created_by        bigint REFERENCES app_user (id) ON DELETE SET NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX upkeep_village_idx ON upkeep (village_code text_pattern_ops, done_on);
CREATE INDEX upkeep_member_idx ON upkeep (member_person_id);

-- 消防安全隐患排查: a checklist [{ "item": key, "passed": bool, "note"?: text }].
CREATE TABLE inspection (
  id                bigserial PRIMARY KEY,
  client_id         uuid NOT NULL UNIQUE,
  household_id      bigint REFERENCES household (id) ON DELETE SET NULL,
  place             text CHECK (place IS NULL OR length(place) <= 100),
  village_code      text NOT NULL REFERENCES region (code),
  member_person_id  bigint REFERENCES person (id) ON DELETE SET NULL,
  inspected_on      date NOT NULL,
  checklist         jsonb NOT NULL,
  notes             text CHECK (notes IS NULL OR length(notes) <= 2000),
  created_by        bigint REFERENCES app_user (id) ON DELETE SET NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (household_id IS NOT NULL OR place IS NOT NULL)
);
CREATE INDEX inspection_village_idx ON inspection (village_code text_pattern_ops, inspected_on);
CREATE INDEX inspection_member_idx ON inspection (member_person_id);

-- A hazard found by an inspection (one per failed item): rectification by a deadline, then a
-- recheck; a failed recheck leaves it open with a new deadline.
CREATE TABLE hazard (
  id                bigserial PRIMARY KEY,
  inspection_id     bigint NOT NULL REFERENCES inspection (id) ON DELETE CASCADE,
  item              text NOT NULL,
  household_id      bigint REFERENCES household (id) ON DELETE SET NULL,
  village_code      text NOT NULL REFERENCES region (code),
  member_person_id  bigint REFERENCES person (id) ON DELETE SET NULL,
  description       text NOT NULL CHECK (length(description) <= 500),
  found_on          date NOT NULL,
  deadline          date NOT NULL,
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fixed')),
  rechecks          jsonb NOT NULL DEFAULT '[]',
  fixed_on          date,
  matter_id         bigint REFERENCES matter (id) ON DELETE SET NULL,
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (inspection_id, item),
  CHECK ((status = 'fixed') = (fixed_on IS NOT NULL))
);
CREATE INDEX hazard_village_idx ON hazard (village_code text_pattern_ops, found_on);
CREATE INDEX hazard_member_idx ON hazard (member_person_id);
CREATE INDEX hazard_open_idx ON hazard (deadline) WHERE status = 'open';

-- 矛盾纠纷调解. The parties' names are personal data: encrypted as one JSON list, masked beside.
CREATE TABLE mediation (
  id                bigserial PRIMARY KEY,
  client_id         uuid NOT NULL UNIQUE,
  household_id      bigint REFERENCES household (id) ON DELETE SET NULL,
  village_code      text NOT NULL REFERENCES region (code),
  member_person_id  bigint REFERENCES person (id) ON DELETE SET NULL,
  dispute_type      text NOT NULL CHECK (dispute_type IN ('neighbour', 'land', 'family', 'housing', 'debt', 'other')),
  parties_enc       text NOT NULL,
  parties_masked    text[] NOT NULL,
  summary           text NOT NULL CHECK (length(btrim(summary)) BETWEEN 1 AND 2000),
  mediated_on       date NOT NULL,
  outcome           text NOT NULL CHECK (outcome IN ('resolved', 'partial', 'unresolved')),
  agreement         text CHECK (agreement IS NULL OR length(agreement) <= 2000),
  follow_up_on      date,
  followed_up_at    timestamptz,
  follow_up_note    text CHECK (follow_up_note IS NULL OR length(follow_up_note) <= 1000),
  matter_id         bigint REFERENCES matter (id) ON DELETE SET NULL,
  created_by        bigint REFERENCES app_user (id) ON DELETE SET NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mediation_village_idx ON mediation (village_code text_pattern_ops, mediated_on);
CREATE INDEX mediation_member_idx ON mediation (member_person_id);
