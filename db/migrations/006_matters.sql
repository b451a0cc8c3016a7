-- Matters and the four-level linkage (楼宇事项 · 四级联动): MAT-1 … MAT-8.

-- Categories are the Open311 "services"; each routes to a kind of department.
CREATE TABLE matter_category (
  id              bigserial PRIMARY KEY,
  code            text NOT NULL UNIQUE,
  name            text NOT NULL,
  name_en         text NOT NULL,
  -- The limits table is by category kind (咨询 / 服务诉求 / 投诉).
  kind            text NOT NULL CHECK (kind IN ('consultation', 'service', 'complaint')),
  -- organisation.department_kind of the desk that handles it; NULL: the coordinating office itself.
  department_kind text,
  grp             text NOT NULL,
  description     text NOT NULL DEFAULT '',
  active          boolean NOT NULL DEFAULT true,
  sort            integer NOT NULL DEFAULT 0
);

INSERT INTO matter_category (code, name, name_en, kind, department_kind, grp, description, sort) VALUES
  ('tax_consultation', '税务咨询', 'Tax enquiry', 'consultation', 'tax', '政务服务', '纳税申报、发票、减税降费政策等咨询', 10),
  ('tax_service', '税务办理', 'Tax service', 'service', 'tax', '政务服务', '涉税事项办理遇到的困难', 11),
  ('talent_policy', '人才政策咨询', 'Talent policy enquiry', 'consultation', 'talent', '人才服务', '人才认定、补贴、落户等政策咨询', 20),
  ('talent_service', '人才服务诉求', 'Talent service', 'service', 'talent', '人才服务', '人才申报、住房、子女入学等服务诉求', 21),
  ('market_registration', '市场主体登记', 'Business registration', 'service', 'market_regulation', '政务服务', '设立、变更、注销登记及证照办理', 30),
  ('market_complaint', '市场监管投诉', 'Market-regulation complaint', 'complaint', 'market_regulation', '政务服务', '消费纠纷、不正当竞争等投诉', 31),
  ('public_security', '治安消防', 'Public security and fire safety', 'complaint', 'police', '平安建设', '楼宇治安、消防通道、可疑人员等', 40),
  ('police_service', '户籍出入境', 'Residence and exit-entry', 'service', 'police', '平安建设', '户籍、居住证、出入境证件办理', 41),
  ('policy_consultation', '惠企政策咨询', 'Pro-business policy enquiry', 'consultation', 'commerce', '惠企服务', '扶持政策、资金申报、政策兑现咨询', 50),
  ('business_service', '经营发展诉求', 'Business development', 'service', 'commerce', '惠企服务', '融资、市场开拓、招商对接等诉求', 51),
  ('property_service', '物业服务', 'Property service', 'complaint', NULL, '楼宇服务', '电梯、空调、保洁、停车等物业问题', 60),
  ('facility_repair', '公共设施报修', 'Facility repair', 'service', NULL, '楼宇服务', '楼宇公共设施损坏报修', 61),
  ('party_building', '党建工作', 'Party building', 'consultation', NULL, '党建服务', '党组织组建、党员关系转接、党建活动', 70),
  ('other', '其他事项', 'Other', 'service', NULL, '其他', '其他需要协调解决的事项', 90);

CREATE TABLE matter (
  id                  bigserial PRIMARY KEY,
  -- 楼宇事项记录表 number, e.g. LY202611260001.
  code                text NOT NULL UNIQUE,
  title               text NOT NULL,
  description         text NOT NULL,
  category_id         bigint NOT NULL REFERENCES matter_category (id),
  source              text NOT NULL CHECK (source IN ('portal', 'staff', 'member', 'joint_meeting', 'inspection', 'open311')),
  priority            text NOT NULL CHECK (priority IN ('normal', 'urgent', 'key_enterprise')),
  status              text NOT NULL,
  level               text NOT NULL CHECK (level IN ('building', 'street', 'district', 'city')),
  enterprise_id       bigint REFERENCES enterprise (organisation_id),
  building_id         bigint REFERENCES building (id),
  region_code         text NOT NULL REFERENCES region (code),
  -- Copies of tree paths for the query layer's scope filter (kept by organisation moves).
  org_path            text NOT NULL DEFAULT '',
  enterprise_path     text NOT NULL DEFAULT '',
  handler_org_id      bigint REFERENCES organisation (id),
  handler_path        text NOT NULL DEFAULT '',
  contact_name        text,
  contact_phone_enc   text,
  contact_phone_mask  text,
  address             text,
  lat                 double precision,
  lng                 double precision,
  return_count        integer NOT NULL DEFAULT 0,
  reopen_count        integer NOT NULL DEFAULT 0,
  escalation_count    integer NOT NULL DEFAULT 0,
  supervision         text CHECK (supervision IN ('yellow', 'red')),
  pending_extension_minutes integer,
  satisfaction        text CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  -- The three clocks (MAT-4) as stored values; due columns copied out for queries.
  clocks              jsonb NOT NULL DEFAULT '{}'::jsonb,
  sign_for_due_at     timestamptz,
  resolution_due_at   timestamptz,
  reply_due_at        timestamptz,
  -- When the sweeper next owes this matter a look (MAT-5); NULL when nothing runs.
  next_check_at       timestamptz,
  -- First sign-for on time (响应), closed on time (按时办结): set once, read by the dashboard.
  responded_at        timestamptz,
  responded_on_time   boolean,
  replied_at          timestamptz,
  replied_on_time     boolean,
  closed_at           timestamptz,
  working_minutes_to_close integer,
  deliberation        text,
  idempotency_key     text,
  submitted_by        bigint REFERENCES app_user (id),
  version             integer NOT NULL DEFAULT 1,
  search              tsvector,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX matter_idempotency_idx ON matter (submitted_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX matter_next_check_idx ON matter (next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX matter_region_idx ON matter (region_code text_pattern_ops, created_at);
CREATE INDEX matter_created_idx ON matter (created_at);
CREATE INDEX matter_org_path_idx ON matter (org_path text_pattern_ops);
CREATE INDEX matter_enterprise_path_idx ON matter (enterprise_path text_pattern_ops);
CREATE INDEX matter_handler_path_idx ON matter (handler_path text_pattern_ops);
CREATE INDEX matter_status_idx ON matter (status, level);
CREATE INDEX matter_enterprise_idx ON matter (enterprise_id);
CREATE INDEX matter_building_idx ON matter (building_id);
CREATE INDEX matter_search_idx ON matter USING gin (search);

CREATE OR REPLACE FUNCTION matter_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := hongtu_bigrams(coalesce(NEW.code, '') || ' ' || coalesce(NEW.title, '') || ' ' || coalesce(NEW.description, ''));
  RETURN NEW;
END $$;
CREATE TRIGGER matter_search_trg BEFORE INSERT OR UPDATE OF title, description ON matter
  FOR EACH ROW EXECUTE FUNCTION matter_search_update();

-- MAT-8 every step is an immutable event; the matter row is their projection.
CREATE TABLE matter_event (
  id            bigserial PRIMARY KEY,
  matter_id     bigint NOT NULL REFERENCES matter (id),
  seq           integer NOT NULL,
  action        text NOT NULL,
  from_status   text,
  to_status     text NOT NULL,
  level         text NOT NULL,
  actor_user_id bigint REFERENCES app_user (id),
  actor_name    text NOT NULL,
  note          text,
  data          jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (matter_id, seq)
);
CREATE INDEX matter_event_action_idx ON matter_event (action, created_at);

CREATE OR REPLACE FUNCTION matter_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'matter events are immutable';
END $$;
CREATE TRIGGER matter_event_no_update BEFORE UPDATE OR DELETE ON matter_event
  FOR EACH ROW EXECUTE FUNCTION matter_event_immutable();

-- 楼宇事项派发单: one per dispatch, answered by sign-for or return.
CREATE TABLE dispatch_slip (
  id              bigserial PRIMARY KEY,
  matter_id       bigint NOT NULL REFERENCES matter (id),
  code            text NOT NULL UNIQUE,
  level           text NOT NULL,
  handler_org_id  bigint NOT NULL REFERENCES organisation (id),
  instructions    text,
  dispatched_by   bigint REFERENCES app_user (id),
  dispatched_at   timestamptz NOT NULL DEFAULT now(),
  sign_for_due_at timestamptz,
  accepted_at     timestamptz,
  returned_at     timestamptz,
  return_reason   text
);
CREATE INDEX dispatch_slip_matter_idx ON dispatch_slip (matter_id);

-- Open311 GeoReport v2 clients authenticate with an API key acting as one account.
CREATE TABLE open311_key (
  id            bigserial PRIMARY KEY,
  name          text NOT NULL,
  key_hash      text NOT NULL UNIQUE,
  key_hint      text NOT NULL,
  user_id       bigint NOT NULL REFERENCES app_user (id),
  region_code   text,
  created_by    bigint REFERENCES app_user (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz
);
