-- NTF-1 outbound notifications: channels (group robots, webhooks, mailboxes) and the outbox.

-- A channel that hears the notifications of a region or an organisation subtree.
CREATE TABLE notification_target (
  id              bigserial PRIMARY KEY,
  name            text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('wecom', 'dingtalk', 'email', 'webhook')),
  -- Robot URLs carry their access token, so the address is sealed like personal data; the mask is for lists.
  address_enc     text NOT NULL,
  address_masked  text NOT NULL,
  -- DingTalk signing secret, or the HMAC key of a generic webhook.
  secret_enc      text,
  -- NULL: the whole installation (administrators only).
  region_code     text REFERENCES region (code),
  -- When set, only notifications placed under this organisation.
  organisation_id bigint REFERENCES organisation (id) ON DELETE CASCADE,
  org_path        text,
  -- NULL: every kind; otherwise kinds, or prefixes ending in '*'.
  topics          text[],
  enabled         boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_target_region_idx ON notification_target (region_code text_pattern_ops);

-- One message to one target: written in the transaction that raised the notification, delivered by a sweep.
CREATE TABLE outbox (
  id              bigserial PRIMARY KEY,
  topic           text NOT NULL,
  -- { title, body, link }
  payload         jsonb NOT NULL,
  recipients      bigint[] NOT NULL DEFAULT '{}',
  target_id       bigint REFERENCES notification_target (id) ON DELETE SET NULL,
  target_kind     text NOT NULL,
  -- The target's region: who may see and retry the row.
  region_code     text,
  -- Where the notified fact lies.
  source_region_code text,
  source_org_path text,
  -- The same fact reaches a target once, however often it is raised.
  dedupe_key      text,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'cancelled')),
  attempts        integer NOT NULL DEFAULT 0,
  -- For 'sending' rows the end of the claim: a sender that died is taken over after it.
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claim_token     uuid,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  UNIQUE (dedupe_key, target_id)
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_region_idx ON outbox (region_code text_pattern_ops, id DESC);
CREATE INDEX outbox_target_idx ON outbox (target_id, id DESC);
