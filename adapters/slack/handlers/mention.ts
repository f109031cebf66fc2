import type { App } from '@slack/bolt';
import { threadSessionKey } from '../session-keys.js';
import { slackTextToPlain } from '../slack-text.js';
import type { HandlerDeps } from './deps.js';

/**
 * `@paperbot <question>` in a channel: answered in a thread under the question (or in the thread
 * it was asked in), one session per thread. Help and errors are ephemeral, in the same thread.
 * Only mentions are answered in channels: the app subscribes to no channel message events.
 * A slow answer gets "Searching…" in the thread first, edited into the answer when it is ready.
 */
export function registerMentionHandler(app: App, { bot, replier }: HandlerDeps): void {
  app.event('app_mention', async ({ event, body, context, client }) => {
    // Other bots (and this one: Bolt's ignoreSelf runs first) and edited/system messages are not questions.
    if (event.bot_id || event.subtype) return;
    // A mention inside a DM is a DM: the message handler answers it, so it is not answered twice.
    if (event.channel.startsWith('D')) return;
    const team = body.team_id ?? event.team ?? 'unknown';
    const threadTs = event.thread_ts ?? event.ts;
    const question = slackTextToPlain(event.text ?? '', context.botUserId);
    const pending = bot.runText(question, threadSessionKey(team, event.channel, threadTs), { platform: 'slack', channel: event.channel });
    const inThread = { kind: 'post', channel: event.channel, threadTs } as const;
    await replier.sendWhenReady(client, pending, 'thread', {
      public: inThread,
      private: event.user ? { kind: 'ephemeral', channel: event.channel, user: event.user, threadTs } : inThread,
    });
  });
}
