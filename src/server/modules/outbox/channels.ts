import { createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.ts';
import type { NotificationTargetKind } from '../../db/schema.ts';

/**
 * NTF-1 the four outbound channels: WeCom and DingTalk group robots (their
 * markdown message formats), a generic JSON webhook, and e-mail over SMTP.
 * Sending is IO only; whether and when to try again is the delivery sweep's.
 */

export interface OutboundMessage {
  /** The outbox row, when there is one: lets a webhook receiver drop a repeat. */
  id?: string;
  topic: string;
  title: string;
  body: string;
  /** A path inside the web app ('/buildings/12') or an absolute URL. */
  link: string | null;
  createdAt?: string;
}

export interface ChannelTarget {
  kind: NotificationTargetKind;
  /** The robot or webhook URL, or the e-mail address. */
  address: string;
  secret: string | null;
}

export type SendOutcome = { ok: true } | { ok: false; error: string; throttled?: boolean };

/** Robots allow about 20 messages a minute; these codes mean "too fast", not "broken". */
const THROTTLE_CODES = new Set([45009, 130101]);
const DEFAULT_TIMEOUT_MS = 10_000;
/** WeCom refuses markdown over 4,096 bytes; DingTalk's limit is larger. Chinese text is 3 bytes a character. */
const MAX_MARKDOWN_CHARS = 1_300;

function absoluteLink(link: string | null, publicUrl: string | undefined): string | null {
  if (!link) return null;
  if (/^https?:\/\//.test(link)) return link;
  return publicUrl ? `${publicUrl}${link.startsWith('/') ? '' : '/'}${link}` : null;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function markdownOf(m: OutboundMessage, publicUrl: string | undefined): string {
  const link = absoluteLink(m.link, publicUrl);
  return clip(`### ${m.title}\n${m.body}${link ? `\n[查看详情](${link})` : ''}`, MAX_MARKDOWN_CHARS);
}

export function wecomPayload(m: OutboundMessage, publicUrl?: string) {
  return { msgtype: 'markdown', markdown: { content: markdownOf(m, publicUrl) } };
}

export function dingtalkPayload(m: OutboundMessage, publicUrl?: string) {
  return { msgtype: 'markdown', markdown: { title: clip(m.title, 64), text: markdownOf(m, publicUrl) } };
}

/** DingTalk "加签": HMAC-SHA256 over `timestamp\nsecret`, keyed by the secret, base64, as query parameters. */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', String(timestampMs));
  u.searchParams.set('sign', sign);
  return u.toString();
}

export function webhookPayload(m: OutboundMessage, publicUrl?: string) {
  return {
    id: m.id ?? null,
    topic: m.topic,
    title: m.title,
    body: m.body,
    link: absoluteLink(m.link, publicUrl) ?? m.link,
    createdAt: m.createdAt ?? new Date().toISOString(),
  };
}

/** The generic webhook's signature header: hex HMAC-SHA256 of the raw body, keyed by the target's secret. */
export function webhookSignature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return clip(`${err.name === 'TimeoutError' ? 'timeout' : err.message}${detail}`, 500);
  }
  return String(err);
}

async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
  robot: boolean,
): Promise<SendOutcome> {
  const raw = JSON.stringify(body);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body: raw,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    return { ok: false, error: describeError(err) };
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) return { ok: false, error: clip(`HTTP ${res.status} ${text}`.trim(), 500), throttled: res.status === 429 };
  if (!robot) return { ok: true };
  // Robots answer 200 with { errcode, errmsg }: only errcode 0 is a delivery.
  let reply: { errcode?: unknown; errmsg?: unknown };
  try {
    reply = JSON.parse(text) as typeof reply;
  } catch {
    return { ok: false, error: clip(`unreadable reply: ${text}`, 500) };
  }
  if (reply.errcode === 0) return { ok: true };
  const code = Number(reply.errcode);
  return {
    ok: false,
    error: clip(`errcode ${String(reply.errcode)}: ${String(reply.errmsg ?? '')}`, 500),
    throttled: THROTTLE_CODES.has(code),
  };
}

const transports = new Map<string, Transporter>();

function mailer(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    // Short timeouts: a dead mail server must fail the attempt, not hold the sweep.
    transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    transports.set(smtpUrl, transport);
  }
  return transport;
}

async function sendMail(target: ChannelTarget, m: OutboundMessage, config: Config): Promise<SendOutcome> {
  if (!config.smtpUrl) return { ok: false, error: 'HONGTU_SMTP_URL is not set' };
  const link = absoluteLink(m.link, config.publicUrl);
  try {
    await mailer(config.smtpUrl).sendMail({
      from: config.smtpFrom,
      to: target.address,
      subject: m.title,
      text: `${m.body}${link ? `\n\n${link}` : ''}`,
    });
    return { ok: true };
  } catch (err) {
    return { ok: false, error: describeError(err) };
  }
}

/** One attempt to deliver one message to one target. Never throws: a failure is an outcome. */
export async function sendToTarget(opts: {
  target: ChannelTarget;
  message: OutboundMessage;
  config: Config;
  timeoutMs?: number;
  now?: () => number;
}): Promise<SendOutcome> {
  const { target, message, config } = opts;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  switch (target.kind) {
    case 'wecom':
      return postJson(target.address, wecomPayload(message, config.publicUrl), {}, timeoutMs, true);
    case 'dingtalk': {
      const url = target.secret ? dingtalkSignedUrl(target.address, target.secret, (opts.now ?? Date.now)()) : target.address;
      return postJson(url, dingtalkPayload(message, config.publicUrl), {}, timeoutMs, true);
    }
    case 'webhook': {
      const body = webhookPayload(message, config.publicUrl);
      const headers: Record<string, string> = target.secret
        ? { 'x-hongtu-signature': webhookSignature(JSON.stringify(body), target.secret) }
        : {};
      return postJson(target.address, body, headers, timeoutMs, false);
    }
    case 'email':
      return sendMail(target, message, config);
  }
}
