import { DEFAULT_PAGE_SIZE } from '../../../src/commands/limits.js';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { MORE_ACTION_PATTERN, SIMILAR_ACTION_PATTERN, parsePageButtonValue, surfaceOfAction } from '../button-values.js';
import type { ReplyTargets } from '../reply.js';
import { dmSessionKey, slashSessionKey, threadSessionKey } from '../session-keys.js';
import type { Surface } from '../slack-message.js';
import type { HandlerDeps } from './deps.js';

/**
 * The buttons: "More results" (the next page of the same list, from the page request in the
 * button's value) and "Similar" (papers like the one in the value). Acknowledged first; the
 * result is posted as a follow-up where the button's message lives — in its thread, in the DM,
 * or through `response_url` for `/paper` results. Values are untrusted: the core validates them,
 * and a damaged one gets an ephemeral error, never a crash.
 */
export function registerActionHandlers(app: App, { bot, replier, logger }: HandlerDeps): void {
  app.action<BlockAction<ButtonAction>>(MORE_ACTION_PATTERN, async ({ ack, body, action, client }) => {
    await ack();
    const where = conversationOf(body, action.action_id);
    if (!where) return logger.warn({ source: 'slack', action: 'more' }, 'button click without a conversation; ignored');
    const result = await bot.runPage(parsePageButtonValue(action.value), where.sessionKey);
    await replier.send(client, result, where.surface, where.targets);
  });

  app.action<BlockAction<ButtonAction>>(SIMILAR_ACTION_PATTERN, async ({ ack, body, action, client }) => {
    await ack();
    const where = conversationOf(body, action.action_id);
    if (!where) return logger.warn({ source: 'slack', action: 'similar' }, 'button click without a conversation; ignored');
    // By id as a page request: a numeric paper id must not be read as a number from the last result.
    const result = await bot.runPage({ source: 'similar', query: typeof action.value === 'string' ? action.value : '', offset: 0, limit: DEFAULT_PAGE_SIZE }, where.sessionKey);
    await replier.send(client, result, where.surface, where.targets);
  });
}

interface Conversation {
  surface: Surface;
  sessionKey: string;
  targets: ReplyTargets;
}

/**
 * The conversation a clicked button belongs to, from Slack's signed payload: team, channel,
 * user and thread. The action id only says which kind of conversation it is (thread, DM or
 * `/paper`), so a tampered one can at most pick another of the clicker's own sessions.
 */
function conversationOf(body: BlockAction<ButtonAction>, actionId: string): Conversation | undefined {
  const channel = body.channel?.id ?? stringField(body.container, 'channel_id');
  if (!channel || !body.response_url) return undefined;
  const team = body.team?.id ?? body.user.team_id ?? 'unknown';
  const onlyAsker = { kind: 'response_url', url: body.response_url, responseType: 'ephemeral', replaceOriginal: false } as const;
  const messageThread = stringField(body.container, 'thread_ts') ?? stringField(body.message, 'thread_ts');
  const surface = surfaceOfAction(actionId) ?? (messageThread ? 'thread' : channel.startsWith('D') ? 'dm' : 'slash');
  switch (surface) {
    case 'thread': {
      const threadTs = messageThread ?? stringField(body.message, 'ts') ?? stringField(body.container, 'message_ts');
      if (!threadTs) return undefined;
      return {
        surface,
        sessionKey: threadSessionKey(team, channel, threadTs),
        targets: { public: { kind: 'post', channel, threadTs }, private: onlyAsker },
      };
    }
    case 'dm':
      return {
        surface,
        sessionKey: dmSessionKey(team, channel),
        targets: { public: { kind: 'post', channel, ...(messageThread ? { threadTs: messageThread } : {}) }, private: onlyAsker },
      };
    case 'slash':
      return {
        surface,
        sessionKey: slashSessionKey(team, channel, body.user.id),
        targets: { public: { kind: 'response_url', url: body.response_url, responseType: 'in_channel', replaceOriginal: false }, private: onlyAsker },
      };
  }
}

function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' && value ? value : undefined;
}
