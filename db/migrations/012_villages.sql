-- Traditional villages (传统村落): the village profile (VIL-1), the protection-funds
-- ledger (VIL-2), collective operating income (VIL-3), heritage and tourism (VIL-4).
-- Every row sits on a real 12-digit village code (or, for heritage items and
-- performances, any region), so region scope is the usual indexed LIKE.

-- VIL-1 一村一档. Keyed by the village's region code. `org_path` copies the path of the
-- village's party organisation: its members read the village's public records through it.
CREATE TABLE village_profile (
  region_code      text PRIMARY KEY REFERENCES region (code) CHECK (region_code ~ '^[0-9]{12}$'),
  party_org_id     bigint REFERENCES organisation (id),
  org_path         text NOT NULL DEFAULT '',
  is_traditional   boolean NOT NULL DEFAULT false,
  listing_level    text CHECK (listing_level IN ('national', 'provincial', 'municipal', 'county')),
  listing_batch    integer CHECK (listing_batch BETWEEN 1 AND 99),
  listed_on        date,
  summary          text NOT NULL DEFAULT '',
  households       integer CHECK (households >= 0),
  population       integer CHECK (population >= 0),
  funds_published  boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (is_traditional OR (listing_level IS NULL AND listing_batch IS NULL))
);
CREATE INDEX village_profile_region_idx ON village_profile (region_code text_pattern_ops);
CREATE INDEX village_profile_org_path_idx ON village_profile (org_path text_pattern_ops);

-- 保护发展规划: a document with its status and dates.
CREATE TABLE village_plan (
  id             bigserial PRIMARY KEY,
  region_code    text NOT NULL REFERENCES village_profile (region_code),
  title          text NOT NULL CHECK (length(btrim(title)) > 0),
  status         text NOT NULL CHECK (status IN ('drafting', 'approved', 'implementing', 'completed')),
  approved_on    date,
  period_from    integer CHECK (period_from BETWEEN 1949 AND 2200),
  period_to      integer CHECK (period_to BETWEEN 1949 AND 2200),
  document_name  text,
  note           text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (period_to IS NULL OR period_from IS NULL OR period_to >= period_from)
);
CREATE INDEX village_plan_region_idx ON village_plan (region_code);

-- 传统建筑 with their condition; `dangerous` ones are the ones to raise as matters.
CREATE TABLE traditional_building (
  id            bigserial PRIMARY KEY,
  region_code   text NOT NULL REFERENCES village_profile (region_code),
  name          text NOT NULL CHECK (length(btrim(name)) > 0),
  era           text,
  kind          text,
  address       text,
  condition     text NOT NULL CHECK (condition IN ('good', 'fair', 'poor', 'dangerous')),
  inspected_on  date,
  note          text,
  matter_id     bigint REFERENCES matter (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX traditional_building_region_idx ON traditional_building (region_code);

CREATE TABLE building_repair (
  id            bigserial PRIMARY KEY,
  building_id   bigint NOT NULL REFERENCES traditional_building (id),
  region_code   text NOT NULL REFERENCES village_profile (region_code),
  repaired_on   date NOT NULL,
  description   text NOT NULL CHECK (length(btrim(description)) > 0),
  cost          numeric(14, 2) CHECK (cost >= 0),
  contractor    text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX building_repair_building_idx ON building_repair (building_id);

-- 党员先锋岗 / 党员示范岗 and who holds them (a holder leaves by an end date, so history stays).
CREATE TABLE village_post (
  id           bigserial PRIMARY KEY,
  region_code  text NOT NULL REFERENCES village_profile (region_code),
  kind         text NOT NULL CHECK (kind IN ('pioneer_post', 'model_post')),
  name         text NOT NULL CHECK (length(btrim(name)) > 0),
  duty         text NOT NULL DEFAULT '',
  commitment   text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX village_post_region_idx ON village_post (region_code);

CREATE TABLE village_post_holder (
  id        bigserial PRIMARY KEY,
  post_id   bigint NOT NULL REFERENCES village_post (id),
  person_id bigint NOT NULL REFERENCES person (id),
  since     date NOT NULL,
  until     date,
  CHECK (until IS NULL OR until >= since)
);
CREATE UNIQUE INDEX village_post_holder_current_idx ON village_post_holder (post_id, person_id) WHERE until IS NULL;

-- 村规民约: every version kept; exactly one current per village.
CREATE TABLE village_rules (
  id           bigserial PRIMARY KEY,
  region_code  text NOT NULL REFERENCES village_profile (region_code),
  version      integer NOT NULL CHECK (version >= 1),
  title        text NOT NULL CHECK (length(btrim(title)) > 0),
  body         text NOT NULL CHECK (length(btrim(body)) > 0),
  adopted_on   date NOT NULL,
  adopted_by   text NOT NULL DEFAULT '',
  is_current   boolean NOT NULL DEFAULT false,
  created_by   bigint REFERENCES app_user (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, version)
);
CREATE UNIQUE INDEX village_rules_current_idx ON village_rules (region_code) WHERE is_current;

-- The five-level responsibility chain (五级联动): county leaders contacting the township
-- and village, township leaders stationed there, paired county departments, the village
-- secretary, and social participants. A link names a person, an organisation or both.
CREATE TABLE village_responsibility (
  id               bigserial PRIMARY KEY,
  region_code      text NOT NULL REFERENCES village_profile (region_code),
  level            text NOT NULL CHECK (level IN ('county_leader', 'township_leader', 'department', 'village_secretary', 'social')),
  person_id        bigint REFERENCES person (id),
  organisation_id  bigint REFERENCES organisation (id),
  duty             text NOT NULL DEFAULT '',
  since            date,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (person_id IS NOT NULL OR organisation_id IS NOT NULL)
);
CREATE INDEX village_responsibility_region_idx ON village_responsibility (region_code);

-- VIL-2 protection funds. Projects carry a purpose; entries are sources (money in),
-- allocations (to a project) and spendings (from a project, with a voucher). Entries are
-- never edited: the ledger is the history. Balances are computed from the entries.
CREATE TABLE fund_project (
  id           bigserial PRIMARY KEY,
  region_code  text NOT NULL REFERENCES village_profile (region_code),
  name         text NOT NULL CHECK (length(btrim(name)) > 0),
  purpose      text NOT NULL CHECK (purpose IN ('planning', 'infrastructure', 'building_protection')),
  building_id  bigint REFERENCES traditional_building (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, name)
);

CREATE TABLE fund_entry (
  id               bigserial PRIMARY KEY,
  region_code      text NOT NULL REFERENCES village_profile (region_code),
  kind             text NOT NULL CHECK (kind IN ('source', 'allocation', 'spending')),
  project_id       bigint REFERENCES fund_project (id),
  amount           numeric(14, 2) NOT NULL CHECK (amount > 0),
  entry_on         date NOT NULL,
  source_kind      text CHECK (source_kind IN ('central', 'provincial', 'municipal', 'county', 'social', 'other')),
  counterparty     text NOT NULL DEFAULT '',
  voucher_no       text,
  attachment_name  text,
  note             text,
  overdraft_note   text,
  created_by       bigint REFERENCES app_user (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'source') = (source_kind IS NOT NULL)),
  CHECK ((kind = 'source') = (project_id IS NULL)),
  CHECK (kind <> 'spending' OR (voucher_no IS NOT NULL AND length(btrim(counterparty)) > 0))
);
CREATE INDEX fund_entry_region_idx ON fund_entry (region_code text_pattern_ops, entry_on);
CREATE INDEX fund_entry_project_idx ON fund_entry (project_id);
CREATE UNIQUE INDEX fund_entry_voucher_idx ON fund_entry (region_code, voucher_no) WHERE voucher_no IS NOT NULL;

-- VIL-3 村集体经济经营性收入, one figure per village and year.
CREATE TABLE collective_income (
  region_code       text NOT NULL REFERENCES village_profile (region_code),
  year              integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  operating_income  numeric(14, 2) NOT NULL CHECK (operating_income >= 0),
  total_income      numeric(14, 2) CHECK (total_income >= 0),
  note              text,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, year)
);
CREATE INDEX collective_income_year_idx ON collective_income (year, region_code text_pattern_ops);

-- The thresholds a county counts its villages against (the article: ¥300,000 and ¥500,000).
-- A region without its own rows uses its nearest ancestor's, else the defaults.
CREATE TABLE collective_income_threshold (
  region_code  text NOT NULL REFERENCES region (code),
  amount       numeric(14, 2) NOT NULL CHECK (amount > 0),
  PRIMARY KEY (region_code, amount)
);

-- VIL-4 intangible heritage (非遗): items (often county-wide), inheritors, performances.
CREATE TABLE heritage_item (
  id           bigserial PRIMARY KEY,
  region_code  text NOT NULL REFERENCES region (code),
  name         text NOT NULL CHECK (length(btrim(name)) > 0),
  category     text NOT NULL,
  level        text NOT NULL CHECK (level IN ('national', 'provincial', 'municipal', 'county')),
  listed_year  integer CHECK (listed_year BETWEEN 1949 AND 2200),
  description  text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, name)
);
CREATE INDEX heritage_item_region_idx ON heritage_item (region_code text_pattern_ops);

CREATE TABLE inheritor (
  id                bigserial PRIMARY KEY,
  heritage_item_id  bigint NOT NULL REFERENCES heritage_item (id),
  region_code       text NOT NULL REFERENCES region (code),
  name              text NOT NULL CHECK (length(btrim(name)) > 0),
  level             text NOT NULL CHECK (level IN ('national', 'provincial', 'municipal', 'county')),
  since_year        integer CHECK (since_year BETWEEN 1949 AND 2200),
  person_id         bigint REFERENCES person (id),
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inheritor_item_idx ON inheritor (heritage_item_id);

CREATE TABLE performance (
  id                bigserial PRIMARY KEY,
  heritage_item_id  bigint NOT NULL REFERENCES heritage_item (id),
  region_code       text NOT NULL REFERENCES region (code),
  title             text NOT NULL CHECK (length(btrim(title)) > 0),
  performed_on      date NOT NULL,
  place             text NOT NULL CHECK (length(btrim(place)) > 0),
  audience          integer NOT NULL CHECK (audience >= 0),
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX performance_region_idx ON performance (region_code text_pattern_ops, performed_on);

-- Tourism: sites of a village, their guides (讲解员) and visitors per month.
CREATE TABLE tourism_site (
  id           bigserial PRIMARY KEY,
  region_code  text NOT NULL REFERENCES village_profile (region_code),
  name         text NOT NULL CHECK (length(btrim(name)) > 0),
  kind         text NOT NULL CHECK (kind IN ('red_education', 'museum', 'ancient_village', 'ecology', 'other')),
  description  text NOT NULL DEFAULT '',
  opened_on    date,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, name)
);
CREATE INDEX tourism_site_region_idx ON tourism_site (region_code text_pattern_ops);

CREATE TABLE tourism_guide (
  id           bigserial PRIMARY KEY,
  site_id      bigint NOT NULL REFERENCES tourism_site (id),
  region_code  text NOT NULL REFERENCES village_profile (region_code),
  name         text NOT NULL CHECK (length(btrim(name)) > 0),
  person_id    bigint REFERENCES person (id),
  since        date,
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tourism_guide_site_idx ON tourism_guide (site_id);

CREATE TABLE visitor_count (
  site_id      bigint NOT NULL REFERENCES tourism_site (id),
  region_code  text NOT NULL REFERENCES village_profile (region_code),
  month        date NOT NULL CHECK (extract(day FROM month) = 1),
  visitors     integer NOT NULL CHECK (visitors >= 0),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (site_id, month)
);
CREATE INDEX visitor_count_region_idx ON visitor_count (region_code text_pattern_ops, month);
