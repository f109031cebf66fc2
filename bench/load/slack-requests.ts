/**
 * Requests as Slack sends them to /slack/events: an Events API envelope around an app_mention,
 * signed the way Slack signs (x-slack-signature: `v0=` + hex HMAC-SHA256 of
 * `v0:<timestamp>:<body>` with the app's signing secret; x-slack-request-timestamp: Unix seconds).
 * Bolt's HTTP receiver checks both and refuses anything else with a 401.
 */
import { createHmac } from 'node:crypto';

/** The bot user the fake Web API's auth.test names; mentions address it. */
export const LOAD_BOT_USER = 'UBOT';
export const LOAD_TEAM = 'TLOAD';

/** The signature headers of a request body. */
export function slackSignatureHeaders(signingSecret: string, body: string, timestampSeconds: number): Record<string, string> {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestampSeconds), 'x-slack-signature': `v0=${signature}` };
}

/** One mention of the load: which wave, which one in it, and what it asks. */
export interface LoadMention {
  /** Unique in the run: the event id and the message ts derive from it. */
  seq: number;
  question: string;
  /** Channels the mentions are spread over. */
  channel: string;
}

/** The mention's message ts, which is also its thread's ts: answers are found by it. */
export function mentionTs(seq: number): string {
  return `1700000000.${String(seq).padStart(6, '0')}`;
}

/** The JSON body of an app_mention event callback, with a distinct event id per mention. */
export function mentionEnvelope(mention: LoadMention): string {
  const ts = mentionTs(mention.seq);
  return JSON.stringify({
    token: 'load-test-legacy-token',
    team_id: LOAD_TEAM,
    api_app_id: 'ALOAD',
    type: 'event_callback',
    event_id: `EvLoad${String(mention.seq).padStart(6, '0')}`,
    event_time: 1_700_000_000 + mention.seq,
    event: {
      type: 'app_mention',
      user: `U${String(mention.seq % 97).padStart(4, '0')}`,
      text: `<@${LOAD_BOT_USER}> ${mention.question}`,
      ts,
      event_ts: ts,
      channel: mention.channel,
      team: LOAD_TEAM,
    },
  });
}
