-- LST-1 … LST-4 the three lists: needs (需求清单), resources (资源清单), the matches a
-- person decided (对接), and projects (项目清单) with milestones, members and closing evidence.

-- LST-1 a need from a party organisation, enterprise, party member, employee or talent.
CREATE TABLE need (
  id                  bigserial PRIMARY KEY,
  code                text NOT NULL UNIQUE,
  title               text NOT NULL CHECK (length(btrim(title)) > 0),
  description         text NOT NULL DEFAULT '',
  category            text NOT NULL CHECK (category IN ('talent', 'financing', 'market', 'technology', 'policy', 'space',
                        'training', 'legal', 'tax', 'living_services', 'industrial_upgrading', 'party_building', 'other')),
  requester_kind      text NOT NULL CHECK (requester_kind IN ('party_org', 'enterprise', 'party_member', 'employee', 'talent')),
  requester_org_id    bigint REFERENCES organisation (id),
  requester_person_id bigint REFERENCES person (id),
  requester_name      text NOT NULL DEFAULT '',
  quantity            integer NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 100000),
  urgency             text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('low', 'normal', 'high')),
  building_id         bigint REFERENCES building (id),
  enterprise_id       bigint REFERENCES enterprise (organisation_id),
  region_code         text NOT NULL REFERENCES region (code),
  -- Copies of tree paths for the scope filter (kept by organisation moves): the building's and the requester's.
  org_path            text NOT NULL DEFAULT '',
  requester_path      text NOT NULL DEFAULT '',
  status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'matched', 'in_project', 'done', 'closed')),
  project_id          bigint,
  -- A matter it was spawned from; a matter it became when it turned out to be a complaint.
  matter_id           bigint REFERENCES matter (id),
  complaint_matter_id bigint REFERENCES matter (id),
  close_reason        text,
  entered_by          bigint REFERENCES app_user (id),
  -- The funnel's stages, each stamped once (LST-3, LST-4).
  matched_at          timestamptz,
  in_project_at       timestamptz,
  done_at             timestamptz,
  closed_at           timestamptz,
  version             integer NOT NULL DEFAULT 1,
  search              tsvector NOT NULL DEFAULT ''::tsvector,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX need_region_idx ON need (region_code text_pattern_ops, status);
CREATE INDEX need_org_path_idx ON need (org_path text_pattern_ops);
CREATE INDEX need_requester_path_idx ON need (requester_path text_pattern_ops);
CREATE INDEX need_person_idx ON need (requester_person_id);
CREATE INDEX need_status_idx ON need (status, category);
CREATE INDEX need_building_idx ON need (building_id);
CREATE INDEX need_enterprise_idx ON need (enterprise_id);
CREATE INDEX need_project_idx ON need (project_id);
CREATE INDEX need_matter_idx ON need (matter_id);
CREATE INDEX need_complaint_matter_idx ON need (complaint_matter_id);
CREATE INDEX need_created_idx ON need (created_at);
CREATE INDEX need_search_idx ON need USING gin (search);

CREATE FUNCTION need_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := hongtu_bigrams(NEW.code || ' ' || NEW.title || ' ' || NEW.description || ' ' || NEW.requester_name);
  RETURN NEW;
END $$;
CREATE TRIGGER need_search_trg BEFORE INSERT OR UPDATE OF code, title, description, requester_name ON need
  FOR EACH ROW EXECUTE FUNCTION need_search_update();

-- LST-2 a resource offered by a department, an enterprise or a social organisation.
-- Every change takes a new change_seq, so a cached matching index knows it is stale
-- by reading one indexed maximum (modules/matching/cache.ts).
CREATE SEQUENCE resource_change_seq;
CREATE TABLE resource (
  id                  bigserial PRIMARY KEY,
  code                text NOT NULL UNIQUE,
  title               text NOT NULL CHECK (length(btrim(title)) > 0),
  description         text NOT NULL DEFAULT '',
  category            text NOT NULL CHECK (category IN ('talent', 'financing', 'market', 'technology', 'policy', 'space',
                        'training', 'legal', 'tax', 'living_services', 'industrial_upgrading', 'party_building', 'other')),
  provider_kind       text NOT NULL CHECK (provider_kind IN ('department', 'enterprise', 'social_organisation', 'party_org')),
  provider_org_id     bigint NOT NULL REFERENCES organisation (id),
  org_path            text NOT NULL DEFAULT '',
  -- Where the provider sits (proximity is measured from here).
  building_id         bigint REFERENCES building (id),
  region_code         text NOT NULL REFERENCES region (code),
  -- NULL capacity: unlimited (a policy anyone eligible may use).
  capacity            integer CHECK (capacity >= 0),
  capacity_left       integer CHECK (capacity_left >= 0),
  conditions          text NOT NULL DEFAULT '',
  -- The area served: one building; else a region's subtree; else anywhere.
  served_building_id  bigint REFERENCES building (id),
  served_region_code  text REFERENCES region (code),
  valid_from          date,
  valid_until         date,
  status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  contact             text NOT NULL DEFAULT '',
  entered_by          bigint REFERENCES app_user (id),
  change_seq          bigint NOT NULL DEFAULT nextval('resource_change_seq'),
  version             integer NOT NULL DEFAULT 1,
  search              tsvector NOT NULL DEFAULT ''::tsvector,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((capacity IS NULL) = (capacity_left IS NULL) AND (capacity IS NULL OR capacity_left <= capacity)),
  CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from <= valid_until)
);
CREATE INDEX resource_region_idx ON resource (region_code text_pattern_ops);
CREATE INDEX resource_org_path_idx ON resource (org_path text_pattern_ops);
CREATE INDEX resource_served_region_idx ON resource (served_region_code, category) WHERE status = 'active';
CREATE INDEX resource_served_building_idx ON resource (served_building_id) WHERE served_building_id IS NOT NULL;
CREATE INDEX resource_category_idx ON resource (category, status);
CREATE INDEX resource_change_seq_idx ON resource (change_seq);
CREATE INDEX resource_search_idx ON resource USING gin (search);

CREATE FUNCTION resource_row_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := hongtu_bigrams(NEW.code || ' ' || NEW.title || ' ' || NEW.description || ' ' || NEW.conditions);
  IF TG_OP = 'UPDATE' THEN
    NEW.change_seq := nextval('resource_change_seq');
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER resource_row_trg BEFORE INSERT OR UPDATE ON resource
  FOR EACH ROW EXECUTE FUNCTION resource_row_update();

-- LST-4 a project: owned by an organisation, parent of sub-projects whose progress rolls up with weights.
CREATE TABLE project (
  id                  bigserial PRIMARY KEY,
  code                text NOT NULL UNIQUE,
  name                text NOT NULL CHECK (length(btrim(name)) > 0),
  description         text NOT NULL DEFAULT '',
  owner_org_id        bigint NOT NULL REFERENCES organisation (id),
  org_path            text NOT NULL DEFAULT '',
  building_id         bigint REFERENCES building (id),
  region_code         text NOT NULL REFERENCES region (code),
  parent_id           bigint REFERENCES project (id),
  -- The share of the parent's progress this project carries, beside the parent's own milestones.
  weight              numeric(8, 2) NOT NULL DEFAULT 1 CHECK (weight > 0),
  status              text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'done', 'cancelled')),
  -- Rolled up from milestones and children (domain/lists/progress.ts), stored so lists sort and filter by it.
  progress            numeric(5, 2) NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  started_on          date,
  due_on              date,
  closing_report      text,
  closed_at           timestamptz,
  closed_by           bigint REFERENCES app_user (id),
  created_by          bigint REFERENCES app_user (id),
  version             integer NOT NULL DEFAULT 1,
  search              tsvector NOT NULL DEFAULT ''::tsvector,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_region_idx ON project (region_code text_pattern_ops, status);
CREATE INDEX project_org_path_idx ON project (org_path text_pattern_ops);
CREATE INDEX project_parent_idx ON project (parent_id);
CREATE INDEX project_search_idx ON project USING gin (search);
ALTER TABLE need ADD CONSTRAINT need_project_fk FOREIGN KEY (project_id) REFERENCES project (id);

CREATE FUNCTION project_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := hongtu_bigrams(NEW.code || ' ' || NEW.name || ' ' || NEW.description);
  RETURN NEW;
END $$;
CREATE TRIGGER project_search_trg BEFORE INSERT OR UPDATE OF code, name, description ON project
  FOR EACH ROW EXECUTE FUNCTION project_search_update();

CREATE TABLE project_member (
  id                  bigserial PRIMARY KEY,
  project_id          bigint NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  name                text NOT NULL CHECK (length(btrim(name)) > 0),
  role                text NOT NULL DEFAULT 'member' CHECK (role IN ('lead', 'member')),
  organisation_id     bigint REFERENCES organisation (id),
  person_id           bigint REFERENCES person (id)
);
CREATE INDEX project_member_project_idx ON project_member (project_id);

CREATE TABLE project_milestone (
  id                  bigserial PRIMARY KEY,
  project_id          bigint NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  title               text NOT NULL CHECK (length(btrim(title)) > 0),
  due_on              date,
  weight              numeric(8, 2) NOT NULL DEFAULT 1 CHECK (weight > 0),
  done                boolean NOT NULL DEFAULT false,
  done_at             timestamptz,
  position            integer NOT NULL DEFAULT 0
);
CREATE INDEX project_milestone_project_idx ON project_milestone (project_id, position);

-- Closing evidence: kept in the database (bytea) so a backup of the database is a backup of
-- everything and PGlite and PostgreSQL behave alike; files are small (≤ 10 MB each, docs/API.md).
CREATE TABLE project_evidence (
  id                  bigserial PRIMARY KEY,
  project_id          bigint NOT NULL REFERENCES project (id),
  file_name           text NOT NULL,
  mime_type           text NOT NULL,
  size_bytes          integer NOT NULL,
  sha256              text NOT NULL,
  content             bytea NOT NULL,
  uploaded_by         bigint REFERENCES app_user (id),
  created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_evidence_project_idx ON project_evidence (project_id);

-- LST-3 a person's decision on a proposed pair. A rejection is remembered per need × resource
-- and never proposed again; a confirmation uses the resource's capacity and joins a project.
CREATE TABLE need_match (
  id                  bigserial PRIMARY KEY,
  need_id             bigint NOT NULL REFERENCES need (id),
  resource_id         bigint NOT NULL REFERENCES resource (id),
  status              text NOT NULL CHECK (status IN ('proposed', 'confirmed', 'rejected')),
  score               numeric(6, 2) NOT NULL DEFAULT 0,
  -- The explanation as the person saw it when deciding.
  explanation         jsonb NOT NULL DEFAULT '[]'::jsonb,
  quantity            integer NOT NULL DEFAULT 0,
  project_id          bigint REFERENCES project (id),
  note                text,
  decided_by          bigint REFERENCES app_user (id),
  decided_at          timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (need_id, resource_id)
);
CREATE INDEX need_match_resource_idx ON need_match (resource_id, status);
CREATE INDEX need_match_project_idx ON need_match (project_id);
