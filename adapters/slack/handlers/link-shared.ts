import type { App } from '@slack/bolt';
import { arxivIdOfUrl } from '../../../src/corpus/arxiv-link.js';
import { renderLink } from '../render-blocks.js';
import { threadSessionKey } from '../session-keys.js';
import type { HandlerDeps } from './deps.js';

/** Links Slack sends per event at most (it sends up to 5); more would be noise under one message. */
const MAX_UNFURLS = 5;

/** One link of a `link_shared` event. */
interface SharedLink {
  url?: unknown;
  domain?: unknown;
}

/**
 * An arXiv or Hugging Face paper link posted where the bot is (the manifest's unfurl domains):
 * Slack sends `link_shared`, and the bot answers with `chat.unfurl` — under each paper link, the
 * paper's gist and the three papers most like it, or that the corpus lacks it and the sync that
 * fetches it. Links to other pages of those sites (listings, models) are left alone. The
 * similar papers are remembered for the message's thread, so "@paperbot show 2" there works.
 */
export function registerLinkSharedHandler(app: App, { bot, logger }: HandlerDeps): void {
  app.event('link_shared', async ({ event, body, client }) => {
    const shared = event as unknown as { channel: string; message_ts: string; thread_ts?: string; unfurl_id?: string; source?: string; links?: SharedLink[] };
    const urls = [...new Set((shared.links ?? []).map((link) => (typeof link.url === 'string' ? link.url : '')))]
      .filter((url) => arxivIdOfUrl(url) !== undefined)
      .slice(0, MAX_UNFURLS);
    if (urls.length === 0) return;
    const team = body.team_id ?? 'unknown';
    const sessionKey = threadSessionKey(team, shared.channel, shared.thread_ts ?? shared.message_ts);
    const unfurls: Record<string, { blocks: unknown[] }> = {};
    for (const url of urls) {
      const result = await bot.run('link', { url }, sessionKey, { platform: 'slack', channel: shared.channel });
      // A link's result is data for this link only; an error (never expected: the url was checked) unfurls nothing.
      if (result.kind !== 'link') continue;
      unfurls[url] = { blocks: renderLink(result).blocks };
    }
    if (Object.keys(unfurls).length === 0) return;
    // Links in the message composer (not yet posted) are unfurled by unfurl_id and source; posted ones by channel and ts.
    const where =
      shared.unfurl_id && shared.source ? { unfurl_id: shared.unfurl_id, source: shared.source as 'composer' | 'conversations_history' } : { channel: shared.channel, ts: shared.message_ts };
    try {
      await client.chat.unfurl({ ...where, unfurls } as Parameters<typeof client.chat.unfurl>[0]);
    } catch (error) {
      const code = (error as { data?: { error?: unknown } }).data?.error;
      logger.warn({ source: 'slack', method: 'chat.unfurl', error: typeof code === 'string' ? code : 'request failed' }, 'link unfurl failed');
    }
  });
}
