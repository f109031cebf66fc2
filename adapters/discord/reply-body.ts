import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed } from 'discord.js';
import type { Paperbot } from '../../src/app/paperbot.js';
import type { CommandResult } from '../../src/commands/results.js';
import { buttonRows, type PageStore } from './buttons.js';
import { messageProblems } from './discord-limits.js';
import { renderNotice, renderResult, type RenderedResult } from './render-embeds.js';

/** What users see when a rendered message would break Discord's limits. */
export const FAILED_NOTICE = 'Something went wrong while answering. Please try again.';

/**
 * Renders a result for a conversation. When a page had more papers than fit in a message,
 * `/paper more` (and "more" in a reply) must continue after the last one shown, as "More results"
 * does. The core's session assumes every item was shown, so its "next offset" is moved back here
 * (see docs/dev/discord.md, "What the core could offer"). `command` turns usage hints into the
 * slash form; leave it out for typed messages, whose hints stay in the words they typed.
 */
export async function renderForConversation(bot: Paperbot, result: CommandResult, key: string, command?: string): Promise<RenderedResult> {
  const rendered = renderResult(result, command ? { command } : {});
  if (result.kind === 'list' && rendered.shown !== undefined && rendered.shown < result.items.length) {
    const nextOffset = result.offset + rendered.shown;
    try {
      const session = await bot.sessions.get(key);
      if (session.last && session.last.source === result.source && session.last.query === result.query) {
        session.last.nextOffset = nextOffset;
        await bot.sessions.set(key, session);
      }
    } catch (error) {
      // The session may be in the database: a failure costs this correction, never the reply.
      bot.logger.warn({ err: error }, 'discord: could not move the session past the papers shown');
    }
  }
  return rendered;
}

/** A message body: embeds and buttons. */
export interface ReplyBody {
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIButtonComponentWithCustomId>>;
}

/**
 * The body for a rendered result, with its buttons (pressable by `owner` only), checked against
 * Discord's limits. A renderer bug must cost one answer, not a 400 from Discord and silence:
 * a body that breaks a limit is reported through `onProblems` and replaced by an error notice.
 */
export function replyBody(rendered: RenderedResult, owner: string, pages: PageStore, onProblems: (problems: string[]) => void): ReplyBody {
  const embeds = rendered.embeds;
  const components = buttonRows(rendered, owner, pages);
  const problems = messageProblems({ embeds, components });
  if (problems.length === 0) return { embeds, components };
  onProblems(problems);
  return { embeds: renderNotice(FAILED_NOTICE).embeds, components: [] };
}
