import type { App } from '@slack/bolt';
import { dmSessionKey } from '../session-keys.js';
import { slackTextToPlain } from '../slack-text.js';
import type { HandlerDeps } from './deps.js';

/**
 * A message in a DM with the bot: answered in the DM (in the thread, if the user wrote in one),
 * one session per DM channel. Everything is posted normally: in a DM only the asker sees it anyway.
 * Message subtypes (edits, deletions, joins, bot messages, file shares) and bots are ignored.
 * A slow answer gets "Searching…" first, edited into the answer when it is ready.
 */
export function registerDirectMessageHandler(app: App, { bot, replier }: HandlerDeps): void {
  app.event('message', async ({ event, body, context, client }) => {
    if (event.channel_type !== 'im' || event.subtype !== undefined) return;
    if (event.bot_id || !event.user || event.user === context.botUserId) return;
    const team = body.team_id ?? event.team ?? 'unknown';
    const question = slackTextToPlain(event.text ?? '', context.botUserId);
    const pending = bot.runText(question, dmSessionKey(team, event.channel), { platform: 'slack', channel: event.channel });
    const here = { kind: 'post', channel: event.channel, ...(event.thread_ts ? { threadTs: event.thread_ts } : {}) } as const;
    // One target for both: in a DM an error, too, replaces the placeholder.
    await replier.sendWhenReady(client, pending, 'dm', { public: here, private: here });
  });
}
