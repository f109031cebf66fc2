import { createHmac } from 'node:crypto';

/**
 * Requests as Slack sends them to /slack/events: signed with the signing secret (HMAC-SHA256 of
 * `v0:<timestamp>:<body>`), in the three shapes paperbot handles — an Events API envelope (JSON),
 * a slash command (form) and a block action (form with a JSON `payload`).
 */

export const TEST_SECRETS = {
  botToken: 'xoxb-1111111111-2222222222-TestBotTokenValue',
  appToken: 'xapp-1-A1111111111-3333333333-TestAppTokenValue',
  signingSecret: 'test-signing-secret-5f1c2d3e4a5b6c7d',
} as const;

export const TEAM = 'T1';
export const CHANNEL = 'C1';
export const DM_CHANNEL = 'D1';
export const USER = 'U1';
export const BOT_USER = 'UBOT';

export interface SendOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Sign with another secret (a forged request). */
  secret?: string;
  /** Send no signature headers at all. */
  unsigned?: boolean;
  headers?: Record<string, string>;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
}

export interface SlackResponse {
  status: number;
  body: string;
}

/** POSTs a body to the app the way Slack does, signed unless told otherwise. */
export async function sendSigned(url: string, body: string, contentType: string, options: SendOptions = {}): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': contentType, ...options.headers };
  if (!options.unsigned) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = signature(options.secret ?? TEST_SECRETS.signingSecret, timestamp, body);
  }
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, body: await response.text() };
}

let eventCounter = 0;

/** An Events API envelope around `event`. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${String(++eventCounter).padStart(6, '0')}`): Record<string, unknown> {
  return { token: 'legacy-verification-token', team_id: TEAM, api_app_id: 'A1', type: 'event_callback', event_id: eventId, event_time: 1_700_000_000, event };
}

let tsCounter = 0;
/** A fresh message timestamp. */
export const nextTs = (): string => `1700000000.${String(++tsCounter).padStart(6, '0')}`;

/** `@paperbot <text>` in channel C1 by U1 (a new thread unless `threadTs` is given). */
export function mentionEvent(text: string, options: { ts?: string; threadTs?: string; channel?: string; user?: string; extra?: Record<string, unknown> } = {}) {
  const ts = options.ts ?? nextTs();
  return {
    type: 'app_mention',
    user: options.user ?? USER,
    text: `<@${BOT_USER}> ${text}`,
    ts,
    event_ts: ts,
    channel: options.channel ?? CHANNEL,
    team: TEAM,
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    ...options.extra,
  };
}

/** A direct message to the bot in D1. */
export function dmEvent(text: string, extra: Record<string, unknown> = {}) {
  const ts = nextTs();
  return { type: 'message', channel_type: 'im', channel: DM_CHANNEL, user: USER, text, ts, event_ts: ts, team: TEAM, ...extra };
}

/** A `/paper` slash command as a form body. */
export function slashCommandForm(text: string, options: { user?: string; channel?: string; responseUrl: string }): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM,
    team_domain: 'test',
    channel_id: options.channel ?? CHANNEL,
    channel_name: 'general',
    user_id: options.user ?? USER,
    user_name: 'asker',
    command: '/paper',
    text,
    api_app_id: 'A1',
    response_url: options.responseUrl,
    trigger_id: '123.456.abc',
  }).toString();
}

export interface ClickOptions {
  actionId: string;
  value: string;
  channel?: string;
  user?: string;
  /** The ts of the message with the button, and of its thread when it is in one. */
  messageTs?: string;
  threadTs?: string;
  responseUrl: string;
  /** The button is on an ephemeral message (a `/paper` reply, a digest preview): Slack sends no `message` then. */
  ephemeral?: boolean;
}

/** A button click (block_actions) as a form body. */
export function buttonClickForm(options: ClickOptions): string {
  const channel = options.channel ?? CHANNEL;
  const messageTs = options.messageTs ?? nextTs();
  const payload = {
    type: 'block_actions',
    team: { id: TEAM, domain: 'test' },
    user: { id: options.user ?? USER, username: 'asker', team_id: TEAM },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: options.ephemeral === true, ...(options.threadTs ? { thread_ts: options.threadTs } : {}) },
    trigger_id: '123.456.abc',
    channel: { id: channel, name: 'general' },
    ...(options.ephemeral ? {} : { message: { type: 'message', user: BOT_USER, ts: messageTs, text: 'paperbot', ...(options.threadTs ? { thread_ts: options.threadTs } : {}) } }),
    response_url: options.responseUrl,
    actions: [
      { type: 'button', action_id: options.actionId, block_id: 'b1', text: { type: 'plain_text', text: 'More results' }, value: options.value, action_ts: '1700000001.000000' },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
