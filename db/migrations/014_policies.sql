-- Policies for enterprises 党企新时空·政企直通车 (POL-1…4).
-- The catalogue with its history, the enterprise facts eligibility rules read that the
-- enterprise table lacks, the stored results, pushes, applications (and 免申即享 grants)
-- and matching meetings. Rules are JSON (src/domain/policies/rule.ts).

-- POL-1 a policy. `region_code` is the catalogue it belongs to (NULL: national); officers
-- of that region keep it, and everyone in the region's subtree reads it once published.
CREATE TABLE policy (
  id              bigserial PRIMARY KEY,
  title           text NOT NULL,
  issuer          text NOT NULL,
  level           text NOT NULL CHECK (level IN ('national', 'province', 'city', 'county', 'township')),
  region_code     text REFERENCES region (code),
  valid_from      date,
  valid_to        date,
  beneficiaries   text NOT NULL DEFAULT '',
  -- One line on what an enterprise gets; the figures below when the benefit has them.
  benefit         text NOT NULL DEFAULT '',
  benefit_amount  numeric(14, 2) CHECK (benefit_amount >= 0),
  benefit_rate    numeric(7, 4) CHECK (benefit_rate >= 0),
  benefit_cap     numeric(14, 2) CHECK (benefit_cap >= 0),
  full_text       text NOT NULL DEFAULT '',
  -- 免申即享 / 快申快享 / 申报
  mode            text NOT NULL CHECK (mode IN ('automatic', 'fast_track', 'application')),
  deadline        date,
  contact         text,
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'withdrawn')),
  rule            jsonb NOT NULL,
  -- fieldsUsed(rule), so a profile change selects the policies to re-evaluate with an index.
  fields_used     text[] NOT NULL DEFAULT '{}',
  version         integer NOT NULL DEFAULT 1,
  published_at    timestamptz,
  withdrawn_at    timestamptz,
  created_by      bigint REFERENCES app_user (id),
  search          tsvector NOT NULL DEFAULT ''::tsvector,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX policy_region_idx ON policy (region_code text_pattern_ops);
CREATE INDEX policy_status_idx ON policy (status);
CREATE INDEX policy_fields_idx ON policy USING gin (fields_used);
CREATE INDEX policy_search_idx ON policy USING gin (search);

CREATE FUNCTION hongtu_policy_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := hongtu_bigrams(NEW.title) || hongtu_bigrams(NEW.issuer) || hongtu_bigrams(NEW.benefit)
    || hongtu_bigrams(NEW.beneficiaries) || hongtu_bigrams(NEW.full_text);
  RETURN NEW;
END $$;
CREATE TRIGGER policy_search BEFORE INSERT OR UPDATE OF title, issuer, benefit, beneficiaries, full_text ON policy
  FOR EACH ROW EXECUTE FUNCTION hongtu_policy_search();

-- Every create, change, publish and withdrawal, with the policy as it then stood.
CREATE TABLE policy_history (
  id             bigserial PRIMARY KEY,
  policy_id      bigint NOT NULL REFERENCES policy (id) ON DELETE CASCADE,
  version        integer NOT NULL,
  action         text NOT NULL CHECK (action IN ('create', 'update', 'publish', 'withdraw')),
  snapshot       jsonb NOT NULL,
  actor_user_id  bigint REFERENCES app_user (id),
  actor_name     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX policy_history_policy_idx ON policy_history (policy_id, id);

-- POL-2 what rules read that the enterprise table does not hold. NULL: not reported (待补充).
-- `evaluated` is the profile the stored results were last computed from, so a later change
-- re-evaluates only the policies reading a field that differs (changedFields × fields_used).
CREATE TABLE enterprise_profile (
  enterprise_id   bigint PRIMARY KEY REFERENCES enterprise (organisation_id) ON DELETE CASCADE,
  revenue         numeric(16, 2) CHECK (revenue >= 0),
  rd_spending     numeric(16, 2) CHECK (rd_spending >= 0),
  qualifications  text[],
  -- The year revenue and R&D spending are of.
  reported_year   integer,
  evaluated       jsonb,
  evaluated_at    timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- POL-2/POL-3 results, kept only where they matter: met (gap 0) or one condition away
-- (gap 1: one unmet or unreported condition). A missing row is "unmet, further away";
-- 100,000 enterprises × 200 policies would otherwise be 20 million rows, nearly all unmet.
-- status: 0 unmet, 1 unknown, 2 met (src/domain/policies/compile.ts).
CREATE TABLE policy_result (
  policy_id      bigint NOT NULL REFERENCES policy (id) ON DELETE CASCADE,
  enterprise_id  bigint NOT NULL REFERENCES enterprise (organisation_id) ON DELETE CASCADE,
  status         smallint NOT NULL CHECK (status IN (0, 1, 2)),
  gap            smallint NOT NULL CHECK (gap IN (0, 1)),
  computed_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (policy_id, enterprise_id),
  CHECK ((status = 2) = (gap = 0))
);
CREATE INDEX policy_result_enterprise_idx ON policy_result (enterprise_id, gap);

-- POL-3 a push: an enterprise told once per version of a policy that it qualifies.
CREATE TABLE policy_push (
  id             bigserial PRIMARY KEY,
  policy_id      bigint NOT NULL REFERENCES policy (id) ON DELETE CASCADE,
  enterprise_id  bigint NOT NULL REFERENCES enterprise (organisation_id) ON DELETE CASCADE,
  version        integer NOT NULL,
  pushed_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enterprise_id, policy_id, version)
);
CREATE INDEX policy_push_policy_idx ON policy_push (policy_id);

-- POL-3 applications 待申报 → 已申报 → 已兑现 (or 未通过). A 免申即享 benefit is born 已兑现
-- (`automatic`): granted without the enterprise applying. Region and paths are the enterprise's.
CREATE TABLE policy_application (
  id                bigserial PRIMARY KEY,
  policy_id         bigint NOT NULL REFERENCES policy (id) ON DELETE CASCADE,
  enterprise_id     bigint NOT NULL REFERENCES enterprise (organisation_id) ON DELETE CASCADE,
  status            text NOT NULL CHECK (status IN ('pending', 'submitted', 'granted', 'rejected')),
  automatic         boolean NOT NULL DEFAULT false,
  requested_amount  numeric(14, 2) CHECK (requested_amount >= 0),
  granted_amount    numeric(14, 2) CHECK (granted_amount >= 0),
  submitted_on      date,
  granted_on        date,
  note              text,
  region_code       text NOT NULL,
  org_path          text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (policy_id, enterprise_id)
);
CREATE INDEX policy_application_enterprise_idx ON policy_application (enterprise_id);
CREATE INDEX policy_application_region_idx ON policy_application (region_code text_pattern_ops);
CREATE INDEX policy_application_org_path_idx ON policy_application (org_path text_pattern_ops);

-- POL-4 政策对接会: its policies and the enterprises invited (eligible or nearly), attendance, follow-up.
CREATE TABLE policy_meeting (
  id           bigserial PRIMARY KEY,
  title        text NOT NULL,
  held_at      timestamptz NOT NULL,
  venue        text NOT NULL DEFAULT '',
  region_code  text NOT NULL REFERENCES region (code),
  notes        text NOT NULL DEFAULT '',
  created_by   bigint REFERENCES app_user (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX policy_meeting_region_idx ON policy_meeting (region_code text_pattern_ops);

CREATE TABLE policy_meeting_policy (
  meeting_id  bigint NOT NULL REFERENCES policy_meeting (id) ON DELETE CASCADE,
  policy_id   bigint NOT NULL REFERENCES policy (id) ON DELETE CASCADE,
  PRIMARY KEY (meeting_id, policy_id)
);

CREATE TABLE policy_meeting_invite (
  meeting_id     bigint NOT NULL REFERENCES policy_meeting (id) ON DELETE CASCADE,
  enterprise_id  bigint NOT NULL REFERENCES enterprise (organisation_id) ON DELETE CASCADE,
  reason         text NOT NULL CHECK (reason IN ('eligible', 'nearly')),
  attended       boolean,
  follow_up      text,
  followed_up_at timestamptz,
  PRIMARY KEY (meeting_id, enterprise_id)
);
