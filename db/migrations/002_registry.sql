-- Building registry and building information platform 红色新云图 (REG-1…9, SVC-1, SVC-2).
-- Scope columns follow the foundation: `region_code` places a row in the region
-- tree; `org_path` (and for rows with two owners, a second path) in the organisation tree.

-- Chinese search (DEVELOPERS.md): a tsvector of character bigrams, queried as a phrase.
-- Two-character words are the norm in Chinese names, so bigrams find any substring of
-- two or more characters without a word segmenter. Latin letters and digits stay whole words.
CREATE FUNCTION hongtu_bigrams(input text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  -- Each bigram keeps its position so a query can demand adjacency (a phrase).
  SELECT coalesce(string_agg(token || ':' || pos, ' '), '')::tsvector
  FROM (
    SELECT quote_literal(lower(substr(clean, i, least(2, length(clean))))) AS token, i AS pos
    FROM (SELECT left(regexp_replace(coalesce(input, ''), '[[:space:][:punct:]（）《》【】、，。：；“”‘’·—]+', '', 'g'), 4000) AS clean) c,
         generate_series(1, greatest(length(clean) - 1, 1)) AS i
    WHERE length(clean) > 0
  ) t
$$;

-- The query side: the bigrams of a search term joined by <-> (followed by), i.e. a phrase.
CREATE FUNCTION hongtu_bigram_query(input text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  -- One character is a prefix of the bigrams that start with it.
  SELECT coalesce(string_agg(quote_literal(lower(substr(clean, i, least(2, length(clean))))) || CASE WHEN length(clean) = 1 THEN ':*' ELSE '' END,
                             ' <-> ' ORDER BY i), '')::tsquery
  FROM (SELECT left(regexp_replace(coalesce(input, ''), '[[:space:][:punct:]（）《》【】、，。：；“”‘’·—]+', '', 'g'), 200) AS clean) c,
       generate_series(1, greatest(length(clean) - 1, 1)) AS i
  WHERE length(clean) > 0
$$;

-- GB/T 4754-2017 national economic industry classification: sections (A–T) and divisions (01–97).
CREATE TABLE industry (
  code     text PRIMARY KEY,
  name     text NOT NULL,
  level    text NOT NULL CHECK (level IN ('section', 'division')),
  section  text NOT NULL
);

-- REG-1 buildings.
CREATE TABLE building (
  id                          bigserial PRIMARY KEY,
  name                        text NOT NULL CHECK (length(btrim(name)) > 0),
  address                     text NOT NULL,
  region_code                 text NOT NULL REFERENCES region (code),
  -- The building party committee's subtree: building staff see what sits below it.
  org_path                    text NOT NULL DEFAULT '',
  lng                         double precision CHECK (lng BETWEEN 73 AND 136),
  lat                         double precision CHECK (lat BETWEEN 3 AND 54),
  floors_above                integer CHECK (floors_above BETWEEN 1 AND 200),
  floors_below                integer CHECK (floors_below BETWEEN 0 AND 20),
  gross_area                  numeric(12, 2) CHECK (gross_area > 0),
  office_area                 numeric(12, 2) NOT NULL CHECK (office_area > 0),
  ownership                   text NOT NULL CHECK (ownership IN ('single', 'multiple')),
  management_mode             text NOT NULL CHECK (management_mode IN ('owner_managed', 'entrusted')),
  property_company_id         bigint REFERENCES organisation (id),
  property_owner_id           bigint REFERENCES organisation (id),
  party_committee_id          bigint REFERENCES organisation (id),
  management_committee_id     bigint REFERENCES organisation (id),
  -- REG-4 the building's comprehensive party organisation, set up via the owner or the property company.
  comprehensive_party_org_id  bigint REFERENCES organisation (id),
  positioning                 text,
  industry_focus              text[] NOT NULL DEFAULT '{}',
  demo_status                 text NOT NULL DEFAULT 'none' CHECK (demo_status IN ('none', 'cultivating', 'named')),
  asking_rent                 numeric(8, 2) CHECK (asking_rent >= 0),
  completed_year              integer CHECK (completed_year BETWEEN 1900 AND 2100),
  search                      tsvector NOT NULL DEFAULT ''::tsvector,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  updated_at                  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX building_region_idx ON building (region_code text_pattern_ops);
CREATE INDEX building_org_path_idx ON building (org_path text_pattern_ops);
CREATE INDEX building_search_idx ON building USING gin (search);
CREATE INDEX building_name_trgm_idx ON building USING gin (name gin_trgm_ops);

CREATE TABLE building_unit (
  id           bigserial PRIMARY KEY,
  building_id  bigint NOT NULL REFERENCES building (id) ON DELETE CASCADE,
  floor        integer NOT NULL,
  unit_no      text NOT NULL,
  area         numeric(10, 2) NOT NULL CHECK (area > 0),
  UNIQUE (building_id, unit_no)
);

-- REG-2 enterprise profile; the enterprise itself is an organisation (kind 'enterprise').
CREATE TABLE enterprise (
  organisation_id     bigint PRIMARY KEY REFERENCES organisation (id) ON DELETE CASCADE,
  credit_code         text NOT NULL UNIQUE,
  industry_code       text REFERENCES industry (code),
  size_class          text CHECK (size_class IN ('large', 'medium', 'small', 'micro')),
  staff_count         integer CHECK (staff_count >= 0),
  party_member_count  integer CHECK (party_member_count >= 0),
  is_key_enterprise   boolean NOT NULL DEFAULT false,
  is_non_public       boolean NOT NULL DEFAULT true,
  -- REG-4 how the enterprise is covered by party building.
  party_org_status    text NOT NULL DEFAULT 'none' CHECK (party_org_status IN ('own', 'joint', 'instructor', 'none')),
  registered_on       date,
  legal_representative text,
  -- Copied from the organisation for scope and search without a join.
  region_code         text NOT NULL REFERENCES region (code),
  org_path            text NOT NULL,
  -- The building the enterprise currently leases in (its party committee's path), so building staff see it.
  building_path       text NOT NULL DEFAULT '',
  current_building_id bigint REFERENCES building (id),
  lng                 double precision,
  lat                 double precision,
  search              tsvector NOT NULL DEFAULT ''::tsvector,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (party_member_count IS NULL OR staff_count IS NULL OR party_member_count <= staff_count)
);
CREATE INDEX enterprise_region_idx ON enterprise (region_code text_pattern_ops);
CREATE INDEX enterprise_org_path_idx ON enterprise (org_path text_pattern_ops);
CREATE INDEX enterprise_building_path_idx ON enterprise (building_path text_pattern_ops);
CREATE INDEX enterprise_building_idx ON enterprise (current_building_id);
CREATE INDEX enterprise_industry_idx ON enterprise (industry_code);
CREATE INDEX enterprise_search_idx ON enterprise USING gin (search);

-- REG-3 leases, as events. A lease's current area and end come from its latest event.
CREATE TABLE lease (
  id             bigserial PRIMARY KEY,
  building_id    bigint NOT NULL REFERENCES building (id),
  enterprise_id  bigint NOT NULL REFERENCES enterprise (organisation_id),
  units          text NOT NULL DEFAULT '',
  area           numeric(10, 2) NOT NULL CHECK (area > 0),
  start_on       date NOT NULL,
  end_on         date NOT NULL,
  -- Set by a move-out or expiry event.
  ended_on       date,
  monthly_rent   numeric(12, 2),
  -- A natural key so re-importing the same lease changes nothing (REG-9).
  external_ref   text UNIQUE,
  region_code    text NOT NULL,
  org_path       text NOT NULL,
  tenant_path    text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (end_on >= start_on),
  CHECK (ended_on IS NULL OR ended_on >= start_on)
);
CREATE INDEX lease_building_idx ON lease (building_id, start_on);
CREATE INDEX lease_enterprise_idx ON lease (enterprise_id);
CREATE INDEX lease_end_idx ON lease (end_on) WHERE ended_on IS NULL;
CREATE INDEX lease_region_idx ON lease (region_code text_pattern_ops);
CREATE INDEX lease_org_path_idx ON lease (org_path text_pattern_ops);
CREATE INDEX lease_tenant_path_idx ON lease (tenant_path text_pattern_ops);

CREATE TABLE lease_event (
  id             bigserial PRIMARY KEY,
  lease_id       bigint NOT NULL REFERENCES lease (id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('move_in', 'move_out', 'area_change', 'renewal', 'expiry')),
  effective_on   date NOT NULL,
  -- The lease's leased area and end date from this event on (0 after a move-out or expiry).
  area_after     numeric(10, 2) NOT NULL CHECK (area_after >= 0),
  end_on_after   date NOT NULL,
  note           text,
  actor_user_id  bigint,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lease_event_lease_idx ON lease_event (lease_id, effective_on, id);
CREATE INDEX lease_event_effective_idx ON lease_event (effective_on);

-- REG-6 一楼八员: one person per building and liaison role at a time; history kept.
CREATE TABLE liaison_assignment (
  id              bigserial PRIMARY KEY,
  building_id     bigint NOT NULL REFERENCES building (id),
  role            text NOT NULL CHECK (role IN ('building_head', 'building_instructor', 'property_liaison', 'police_officer',
                    'market_section_head', 'tax_officer', 'talent_officer', 'building_officer')),
  person_id       bigint NOT NULL REFERENCES person (id),
  organisation_id bigint REFERENCES organisation (id),
  started_on      date NOT NULL,
  ended_on        date,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX liaison_assignment_active_idx ON liaison_assignment (building_id, role) WHERE ended_on IS NULL;
CREATE INDEX liaison_assignment_person_idx ON liaison_assignment (person_id);

-- REG-7 demonstration belts, their buildings and points.
CREATE TABLE demo_belt (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL,
  level        text NOT NULL CHECK (level IN ('city', 'county')),
  region_code  text NOT NULL REFERENCES region (code),
  description  text,
  established_on date,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX demo_belt_region_idx ON demo_belt (region_code text_pattern_ops);

CREATE TABLE demo_belt_building (
  belt_id      bigint NOT NULL REFERENCES demo_belt (id) ON DELETE CASCADE,
  building_id  bigint NOT NULL REFERENCES building (id),
  status       text NOT NULL CHECK (status IN ('cultivating', 'named')),
  since        date,
  progress     integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  PRIMARY KEY (belt_id, building_id)
);

CREATE TABLE demo_point (
  id           bigserial PRIMARY KEY,
  belt_id      bigint NOT NULL REFERENCES demo_belt (id) ON DELETE CASCADE,
  name         text NOT NULL,
  level        text NOT NULL CHECK (level IN ('city', 'county')),
  building_id  bigint REFERENCES building (id),
  region_code  text NOT NULL REFERENCES region (code),
  named_on     date
);
CREATE INDEX demo_point_belt_idx ON demo_point (belt_id);

-- REG-8 investment attraction leads: 潜在 prospect → 洽谈 negotiating → 入驻 settled.
CREATE TABLE investment_lead (
  id                    bigserial PRIMARY KEY,
  name                  text NOT NULL,
  contact_name          text,
  industry_code         text REFERENCES industry (code),
  area_needed           numeric(10, 2) NOT NULL CHECK (area_needed > 0),
  budget                numeric(8, 2) CHECK (budget >= 0),
  preferred_region_code text REFERENCES region (code),
  status                text NOT NULL DEFAULT 'prospect' CHECK (status IN ('prospect', 'negotiating', 'settled', 'dropped')),
  building_id           bigint REFERENCES building (id),
  lease_id              bigint REFERENCES lease (id),
  enterprise_id         bigint REFERENCES enterprise (organisation_id),
  note                  text,
  region_code           text NOT NULL REFERENCES region (code),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX investment_lead_region_idx ON investment_lead (region_code text_pattern_ops);

-- SVC-1 party-building instructors (党建工作指导员) and their enterprises.
CREATE TABLE instructor (
  person_id    bigint PRIMARY KEY REFERENCES person (id),
  title        text,
  capacity     integer NOT NULL DEFAULT 3 CHECK (capacity BETWEEN 1 AND 20),
  lng          double precision,
  lat          double precision,
  region_code  text NOT NULL REFERENCES region (code),
  active       boolean NOT NULL DEFAULT true
);
CREATE INDEX instructor_region_idx ON instructor (region_code text_pattern_ops);

CREATE TABLE instructor_assignment (
  enterprise_id  bigint PRIMARY KEY REFERENCES enterprise (organisation_id),
  person_id      bigint NOT NULL REFERENCES instructor (person_id),
  pinned         boolean NOT NULL DEFAULT false,
  distance_km    double precision,
  assigned_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX instructor_assignment_person_idx ON instructor_assignment (person_id);

-- SVC-2 stationed cadres (选派党员干部入驻) attached to a street or a park.
CREATE TABLE stationed_cadre (
  person_id      bigint PRIMARY KEY REFERENCES person (id),
  region_code    text NOT NULL REFERENCES region (code),
  park_name      text,
  home_unit      text,
  started_on     date NOT NULL,
  ended_on       date
);
CREATE INDEX stationed_cadre_region_idx ON stationed_cadre (region_code text_pattern_ops);

CREATE TABLE cadre_enterprise (
  person_id      bigint NOT NULL REFERENCES stationed_cadre (person_id),
  enterprise_id  bigint NOT NULL REFERENCES enterprise (organisation_id),
  PRIMARY KEY (person_id, enterprise_id)
);

-- SVC-1/SVC-2 service records of the kinds the article names:
-- 争取项目 project, 引进人才 talent, 开拓市场 market, 革新技术 technology, 落实惠企政策 policy.
CREATE TABLE service_record (
  id             bigserial PRIMARY KEY,
  person_id      bigint NOT NULL REFERENCES person (id),
  enterprise_id  bigint NOT NULL REFERENCES enterprise (organisation_id),
  kind           text NOT NULL CHECK (kind IN ('project', 'talent', 'market', 'technology', 'policy')),
  served_on      date NOT NULL,
  summary        text NOT NULL CHECK (length(btrim(summary)) > 0),
  region_code    text NOT NULL,
  org_path       text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_record_enterprise_idx ON service_record (enterprise_id, served_on);
CREATE INDEX service_record_person_idx ON service_record (person_id, served_on);
CREATE INDEX service_record_region_idx ON service_record (region_code text_pattern_ops);

-- In-app notification centre (NTF-1): lease warnings now, matters later.
CREATE TABLE notification (
  id            bigserial PRIMARY KEY,
  user_id       bigint REFERENCES app_user (id) ON DELETE CASCADE,
  kind          text NOT NULL,
  title         text NOT NULL,
  body          text,
  link          text,
  region_code   text,
  org_path      text,
  -- One notification per subject and kind: a sweep that runs twice notifies once.
  dedupe_key    text UNIQUE,
  read_at       timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC);

-- REG-9 import jobs with their row-by-row report.
CREATE TABLE import_job (
  id            bigserial PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('buildings', 'enterprises', 'leases')),
  file_name     text NOT NULL,
  status        text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  total_rows    integer NOT NULL DEFAULT 0,
  processed     integer NOT NULL DEFAULT 0,
  created       integer NOT NULL DEFAULT 0,
  updated       integer NOT NULL DEFAULT 0,
  unchanged     integer NOT NULL DEFAULT 0,
  failed        integer NOT NULL DEFAULT 0,
  errors        jsonb NOT NULL DEFAULT '[]'::jsonb,
  actor_user_id bigint REFERENCES app_user (id),
  region_code   text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);

-- Search documents kept by triggers, so imports, seeds and commands all keep them current.
CREATE FUNCTION hongtu_building_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := hongtu_bigrams(NEW.name) || hongtu_bigrams(NEW.address) || hongtu_bigrams(coalesce(NEW.positioning, ''));
  RETURN NEW;
END $$;
CREATE TRIGGER building_search BEFORE INSERT OR UPDATE OF name, address, positioning ON building
  FOR EACH ROW EXECUTE FUNCTION hongtu_building_search();

CREATE FUNCTION hongtu_enterprise_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := hongtu_bigrams((SELECT name FROM organisation WHERE id = NEW.organisation_id))
    || hongtu_bigrams(NEW.credit_code) || hongtu_bigrams(coalesce(NEW.legal_representative, ''));
  RETURN NEW;
END $$;
CREATE TRIGGER enterprise_search BEFORE INSERT OR UPDATE OF credit_code, legal_representative ON enterprise
  FOR EACH ROW EXECUTE FUNCTION hongtu_enterprise_search();

-- A renamed enterprise organisation refreshes its enterprise search document.
CREATE FUNCTION hongtu_organisation_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE enterprise SET credit_code = credit_code WHERE organisation_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER organisation_renamed AFTER UPDATE OF name ON organisation
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION hongtu_organisation_renamed();

ALTER TABLE person ADD COLUMN search tsvector NOT NULL DEFAULT ''::tsvector;
CREATE INDEX person_search_idx ON person USING gin (search);
CREATE FUNCTION hongtu_person_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := hongtu_bigrams(NEW.name);
  RETURN NEW;
END $$;
CREATE TRIGGER person_search BEFORE INSERT OR UPDATE OF name ON person
  FOR EACH ROW EXECUTE FUNCTION hongtu_person_search();
UPDATE person SET name = name;
