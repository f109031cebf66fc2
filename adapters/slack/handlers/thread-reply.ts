import type { App } from '@slack/bolt';
import { readsAsFollowUp } from '../../../src/conversation/parse-follow-up.js';
import { threadSessionKey } from '../session-keys.js';
import { slackTextToPlain } from '../slack-text.js';
import type { HandlerDeps } from './deps.js';

/**
 * A reply in a channel thread that holds a paperbot conversation, without a mention: answered
 * when it reads as a follow-up ("only 2024", "what about video?", "show 3", "why 1?", "more"),
 * so people need not @mention the bot for each. Anything else in the thread — people talking
 * to each other — is left alone, as are threads the bot never answered in (or whose
 * conversation expired). A reply that mentions the bot is the mention handler's; DMs are the
 * DM handler's. Needs the `message.channels` / `message.groups` events (manifest.yml).
 */
export function registerThreadReplyHandler(app: App, { bot, replier }: HandlerDeps): void {
  app.event('message', async ({ event, body, context, client }) => {
    if (event.subtype !== undefined || event.channel_type === 'im' || event.channel_type === 'mpim') return;
    if (event.bot_id || !event.user || event.user === context.botUserId) return;
    // Only replies inside a thread (not the thread's first message) can continue a conversation.
    if (!event.thread_ts || event.thread_ts === event.ts) return;
    const raw = event.text ?? '';
    if (context.botUserId && raw.includes(`<@${context.botUserId}>`)) return;
    const text = slackTextToPlain(raw, context.botUserId);
    if (!readsAsFollowUp(text)) return;
    const team = body.team_id ?? event.team ?? 'unknown';
    const key = threadSessionKey(team, event.channel, event.thread_ts);
    if (!(await bot.hasConversation(key))) return;
    const pending = bot.runText(text, key, { platform: 'slack', channel: event.channel });
    const inThread = { kind: 'post', channel: event.channel, threadTs: event.thread_ts } as const;
    await replier.sendWhenReady(client, pending, 'thread', { public: inThread, private: { kind: 'ephemeral', channel: event.channel, user: event.user, threadTs: event.thread_ts } });
  });
}
