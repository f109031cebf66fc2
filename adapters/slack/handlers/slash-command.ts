import type { App } from '@slack/bolt';
import { slashSessionKey } from '../session-keys.js';
import { slackTextToPlain } from '../slack-text.js';
import type { HandlerDeps } from './deps.js';

/** The slash command the manifest creates. */
export const SLASH_COMMAND = '/paper';

/**
 * `/paper <question>` and `/paper ask|search|show|similar|more|papers|help …`: the same text
 * commands as the CLI chat (the core routes the text). Acknowledged at once, with an empty body,
 * before any work; the result follows through `response_url`, visible only to the person who
 * asked (Slack's convention for slash commands). Answers, lists and papers carry a "Share in
 * channel" button that posts them for everyone (share.ts). One session per person per channel.
 */
export function registerSlashCommand(app: App, { bot, replier, shares }: HandlerDeps): void {
  app.command(SLASH_COMMAND, async ({ ack, command, context, client }) => {
    await ack();
    const text = slackTextToPlain(command.text ?? '', context.botUserId);
    const result = await bot.runText(text, slashSessionKey(command.team_id, command.channel_id, command.user_id), { platform: 'slack', channel: command.channel_id });
    const onlyAsker = { kind: 'response_url', url: command.response_url, responseType: 'ephemeral' } as const;
    await replier.send(client, result, 'slash', { public: onlyAsker, private: onlyAsker }, { store: shares, user: command.user_id, channel: command.channel_id });
  });
}
