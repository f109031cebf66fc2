import type { webApi } from '@slack/bolt';
import type { CommandResult } from '../../src/commands/results.js';
import type { Logger } from '../../src/log/logger.js';
import { blockKitProblems } from './block-kit-limits.js';
import { describeError } from './describe-error.js';
import { renderResult, visibilityOf } from './render-blocks.js';
import { postToResponseUrl, type Sleep } from './response-url.js';
import type { RetryPolicy } from './retry-policy.js';
import type { SlackMessage, Surface } from './slack-message.js';

/**
 * Where a reply goes. `post` and `ephemeral` use the Web API (retried by Bolt's client per the
 * retry policy); `response_url` answers a slash command or a button click.
 */
export type ReplyTarget =
  | { kind: 'post'; channel: string; threadTs?: string }
  | { kind: 'ephemeral'; channel: string; user: string; threadTs?: string }
  | { kind: 'response_url'; url: string; responseType: 'in_channel' | 'ephemeral'; replaceOriginal?: false };

/** The two places a handler offers: for public results, and for what only the asker should see. */
export interface ReplyTargets {
  public: ReplyTarget;
  private: ReplyTarget;
}

export interface ReplierOptions {
  logger: Logger;
  policy: RetryPolicy;
  scrub: (text: string) => string;
  /** How response_url retries wait (tests pass an instant one). */
  sleep?: Sleep;
}

/**
 * Renders a result and sends it to the right target, and is the one place a failed send is
 * handled: after the retries it is logged (never the message text, never a URL or token) and
 * swallowed, so a Slack outage cannot take the bot down or leave a rejected promise behind.
 */
export class Replier {
  constructor(private readonly options: ReplierOptions) {}

  async send(client: webApi.WebClient, result: CommandResult, surface: Surface, targets: ReplyTargets): Promise<boolean> {
    const target = visibilityOf(result) === 'public' ? targets.public : targets.private;
    const message = this.checked(renderResult(result, surface), result.kind);
    try {
      await this.deliver(client, message, target);
      this.options.logger.debug({ source: 'slack', target: target.kind, result: result.kind }, 'reply sent');
      return true;
    } catch (error) {
      this.options.logger.error(
        { source: 'slack', target: target.kind, ...('channel' in target ? { channel: target.channel } : {}), result: result.kind, err: describeError(error, this.options.scrub) },
        'Slack reply failed after retries',
      );
      return false;
    }
  }

  /** The message if Slack will take it; otherwise its fallback text alone (logged: a renderer bug). */
  private checked(message: SlackMessage, kind: string): SlackMessage {
    const problems = blockKitProblems(message);
    if (problems.length === 0) return message;
    this.options.logger.error({ source: 'slack', result: kind, problems: problems.slice(0, 10) }, 'rendered message breaks Block Kit limits; sending text only');
    return { text: message.text || 'paperbot could not show this result.', blocks: [] };
  }

  private async deliver(client: webApi.WebClient, message: SlackMessage, target: ReplyTarget): Promise<void> {
    const content = message.blocks.length > 0 ? { text: message.text, blocks: message.blocks } : { text: message.text };
    switch (target.kind) {
      case 'post':
        await client.chat.postMessage({
          channel: target.channel,
          ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
          ...content,
          unfurl_links: false,
          unfurl_media: false,
        });
        return;
      case 'ephemeral':
        await client.chat.postEphemeral({
          channel: target.channel,
          user: target.user,
          ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
          ...content,
        });
        return;
      case 'response_url':
        await postToResponseUrl(
          target.url,
          { response_type: target.responseType, ...(target.replaceOriginal === false ? { replace_original: false } : {}), ...content },
          this.options.policy,
          this.options.sleep,
        );
        return;
    }
  }
}
