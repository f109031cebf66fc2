import { DEFAULT_PAGE_SIZE } from '../../../src/commands/limits.js';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { MORE_ACTION_PATTERN, SIMILAR_ACTION_PATTERN, VOTE_ACTION_PATTERN, parsePageButtonValue, surfaceOfAction, voteOfAction } from '../button-values.js';
import type { ReplyTargets, ShareOffer } from '../reply.js';
import { SHARE_ACTION_ID, sharedMessage, type ShareStore } from '../share.js';
import { dmSessionKey, slashSessionKey, threadSessionKey } from '../session-keys.js';
import type { Surface } from '../slack-message.js';
import type { HandlerDeps } from './deps.js';

/**
 * The buttons: "More results" (the next page of the same list, from the page request in the
 * button's value), "Similar" (papers like the one in the value), "Share in channel" (a
 * `/paper` result posted for everyone) and a digest paper's 👍/👎 (a vote, confirmed only to the
 * voter). Acknowledged first; the result is posted as a follow-up
 * where the button's message lives — in its thread, in the DM, or through `response_url` for
 * `/paper` results (only to the clicker, with its own share button). Values are untrusted: the
 * core validates them, and a damaged one gets an ephemeral error, never a crash.
 */
export function registerActionHandlers(app: App, { bot, replier, logger, shares }: HandlerDeps): void {
  app.action<BlockAction<ButtonAction>>(MORE_ACTION_PATTERN, async ({ ack, body, action, client }) => {
    await ack();
    const where = conversationOf(body, action.action_id);
    if (!where) return logger.warn({ source: 'slack', action: 'more' }, 'button click without a conversation; ignored');
    const result = await bot.runPage(parsePageButtonValue(action.value), where.sessionKey);
    await replier.send(client, result, where.surface, where.targets, shareOffer(where, body, shares));
  });

  app.action<BlockAction<ButtonAction>>(SIMILAR_ACTION_PATTERN, async ({ ack, body, action, client }) => {
    await ack();
    const where = conversationOf(body, action.action_id);
    if (!where) return logger.warn({ source: 'slack', action: 'similar' }, 'button click without a conversation; ignored');
    // By id as a page request: a numeric paper id must not be read as a number from the last result.
    const result = await bot.runPage({ source: 'similar', query: typeof action.value === 'string' ? action.value : '', offset: 0, limit: DEFAULT_PAGE_SIZE }, where.sessionKey);
    await replier.send(client, result, where.surface, where.targets, shareOffer(where, body, shares));
  });

  app.action<BlockAction<ButtonAction>>(VOTE_ACTION_PATTERN, async ({ ack, body, action, client }) => {
    await ack();
    const channel = body.channel?.id ?? stringField(body.container, 'channel_id');
    if (!channel || !body.response_url) return logger.warn({ source: 'slack', action: 'vote' }, 'button click without a conversation; ignored');
    const result = await bot.vote({ platform: 'slack', channel, user: body.user.id, paperId: action.value, vote: voteOfAction(action.action_id) });
    const onlyVoter = { kind: 'response_url', url: body.response_url, responseType: 'ephemeral', replaceOriginal: false } as const;
    await replier.send(client, result, 'slash', { public: onlyVoter, private: onlyVoter });
  });

  app.action<BlockAction<ButtonAction>>(SHARE_ACTION_ID, async ({ ack, body, action, client }) => {
    await ack();
    const channel = body.channel?.id ?? stringField(body.container, 'channel_id');
    if (!channel || !body.response_url) return logger.warn({ source: 'slack', action: 'share' }, 'button click without a conversation; ignored');
    const onlyClicker = { kind: 'response_url', url: body.response_url, responseType: 'ephemeral', replaceOriginal: false } as const;
    const taken = shares.take(action.value, body.user.id, channel);
    if ('refused' in taken) {
      const message = taken.refused === 'expired' ? 'This result can no longer be shared (results can be shared for 30 minutes).' : 'This button is not valid.';
      const result = { kind: 'error' as const, code: 'paperbot_invalid_option', message, hint: 'Run /paper again, then share the new result.' };
      await replier.send(client, result, 'slash', { public: onlyClicker, private: onlyClicker });
      return;
    }
    const inChannel = { kind: 'response_url', url: body.response_url, responseType: 'in_channel', replaceOriginal: false } as const;
    // Posted for everyone first; only then is the private copy removed. A failed post (logged) leaves the button working.
    if (await replier.sendMessage(client, sharedMessage(taken.message, body.user.id), inChannel, 'shared')) await replier.deleteOriginal(body.response_url);
    else taken.putBack();
  });
}

/** `/paper` follow-ups are shown only to the clicker: offer them for sharing too. */
function shareOffer(where: Conversation, body: BlockAction<ButtonAction>, store: ShareStore): ShareOffer | undefined {
  return where.surface === 'slash' ? { store, user: body.user.id, channel: where.channel } : undefined;
}

interface Conversation {
  surface: Surface;
  channel: string;
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
        channel,
        sessionKey: threadSessionKey(team, channel, threadTs),
        targets: { public: { kind: 'post', channel, threadTs }, private: onlyAsker },
      };
    }
    case 'dm':
      return {
        surface,
        channel,
        sessionKey: dmSessionKey(team, channel),
        targets: { public: { kind: 'post', channel, ...(messageThread ? { threadTs: messageThread } : {}) }, private: onlyAsker },
      };
    case 'slash':
      // Like `/paper` itself: only the clicker sees the follow-up, and can share it.
      return { surface, channel, sessionKey: slashSessionKey(team, channel, body.user.id), targets: { public: onlyAsker, private: onlyAsker } };
  }
}

function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' && value ? value : undefined;
}
