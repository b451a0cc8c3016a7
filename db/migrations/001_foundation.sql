-- Foundation: regions, organisations, people, accounts, sessions, audit.
-- Runs unchanged on PostgreSQL 15+ and on the embedded PGlite.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- ORG-1 GB/T 2260 regions. `code` is the official code (6 digits for
-- province/city/county, 9 for township, 12 for village). `prefix` is the
-- significant part of the code, so the subtree of a region is every code that
-- starts with its prefix: one indexed LIKE, no recursion.
CREATE TABLE region (
  code         text PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  name         text NOT NULL,
  level        text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
  parent_code  text REFERENCES region (code),
  prefix       text NOT NULL UNIQUE
);
CREATE INDEX region_parent_idx ON region (parent_code);
CREATE INDEX region_prefix_pattern_idx ON region (prefix text_pattern_ops);
CREATE INDEX region_name_trgm_idx ON region USING gin (name gin_trgm_ops);

-- ORG-2 one tree of organisations. `path` is the materialised path of ids
-- ('/1/4/9/'), so a subtree is `path LIKE '/1/4/%'`.
CREATE TABLE organisation (
  id              bigserial PRIMARY KEY,
  parent_id       bigint REFERENCES organisation (id),
  path            text NOT NULL DEFAULT '',
  kind            text NOT NULL CHECK (kind IN (
                    'department', 'party_org', 'building_party_committee',
                    'building_management_committee', 'enterprise', 'property_company',
                    'owners_committee', 'property_owner', 'social_organisation', 'government')),
  party_org_kind  text CHECK (party_org_kind IN ('committee', 'general_branch', 'branch')),
  formation       text CHECK (formation IN ('independent', 'joint', 'comprehensive', 'embedded')),
  department_kind text,
  name            text NOT NULL CHECK (length(btrim(name)) > 0),
  region_code     text NOT NULL REFERENCES region (code),
  credit_code     text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'party_org') = (party_org_kind IS NOT NULL))
);
CREATE INDEX organisation_parent_idx ON organisation (parent_id);
CREATE INDEX organisation_path_idx ON organisation (path text_pattern_ops);
CREATE INDEX organisation_region_idx ON organisation (region_code text_pattern_ops);
CREATE INDEX organisation_name_trgm_idx ON organisation USING gin (name gin_trgm_ops);

-- ORG-3 people. Phone and ID number are encrypted at rest (AES-256-GCM,
-- key outside the database); `*_masked` keeps the masked form (138****1234)
-- without decrypting, `*_hash` a keyed hash for exact look-ups.
CREATE TABLE person (
  id              bigserial PRIMARY KEY,
  name            text NOT NULL CHECK (length(btrim(name)) > 0),
  gender          text CHECK (gender IN ('male', 'female')),
  birth_date      date,
  is_party_member boolean NOT NULL DEFAULT false,
  region_code     text NOT NULL REFERENCES region (code),
  organisation_id bigint REFERENCES organisation (id),
  org_path        text NOT NULL DEFAULT '',
  phone_enc       text,
  phone_masked    text,
  phone_hash      text,
  id_number_enc   text,
  id_number_masked text,
  id_number_hash  text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_region_idx ON person (region_code text_pattern_ops);
CREATE INDEX person_org_path_idx ON person (org_path text_pattern_ops);
CREATE INDEX person_phone_hash_idx ON person (phone_hash);
CREATE INDEX person_name_trgm_idx ON person USING gin (name gin_trgm_ops);

-- A person holds posts in several organisations at once (两委 cross-appointment).
CREATE TABLE post (
  id              bigserial PRIMARY KEY,
  person_id       bigint NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  organisation_id bigint NOT NULL REFERENCES organisation (id),
  title           text NOT NULL CHECK (length(btrim(title)) > 0),
  started_on      date,
  ended_on        date,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX post_person_idx ON post (person_id);
CREATE INDEX post_org_idx ON post (organisation_id);

-- SEC-1 accounts. A user's scope is a region subtree and/or an organisation subtree.
CREATE TABLE app_user (
  id               bigserial PRIMARY KEY,
  username         text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,40}$'),
  display_name     text NOT NULL,
  role             text NOT NULL CHECK (role IN ('admin', 'city', 'district', 'street', 'dept', 'building', 'enterprise', 'member', 'village')),
  region_code      text REFERENCES region (code),
  organisation_id  bigint REFERENCES organisation (id),
  org_path         text,
  person_id        bigint REFERENCES person (id),
  locale           text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  password_hash    text NOT NULL,
  failed_attempts  integer NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  disabled         boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (role = 'admin' OR region_code IS NOT NULL OR organisation_id IS NOT NULL)
);
CREATE INDEX app_user_region_idx ON app_user (region_code text_pattern_ops);

CREATE TABLE user_session (
  token_hash   text PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX user_session_user_idx ON user_session (user_id);
CREATE INDEX user_session_expires_idx ON user_session (expires_at);

-- SEC-2 audit log, hash-chained: hash = sha256(prev_hash || canonical payload).
CREATE TABLE audit_log (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL,
  actor_user_id  bigint,
  actor_name     text NOT NULL,
  action         text NOT NULL,
  entity         text NOT NULL,
  entity_id      text NOT NULL,
  region_code    text,
  before         jsonb,
  after          jsonb,
  prev_hash      text NOT NULL,
  hash           text NOT NULL UNIQUE
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id);
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE TABLE app_setting (
  key    text PRIMARY KEY,
  value  jsonb NOT NULL
);
