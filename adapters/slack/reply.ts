import type { webApi } from '@slack/bolt';
import type { CommandResult } from '../../src/commands/results.js';
import type { Logger } from '../../src/log/logger.js';
import { blockKitProblems } from './block-kit-limits.js';
import { describeError } from './describe-error.js';
import { renderResult, visibilityOf } from './render-blocks.js';
import { postToResponseUrl, type Sleep } from './response-url.js';
import type { RetryPolicy } from './retry-policy.js';
import { readyWithin, SEARCHING_TEXT, type PlaceholderPolicy } from './searching-placeholder.js';
import { withShareButton, type ShareStore } from './share.js';
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
  /** When {@link Replier.sendWhenReady} posts "Searching…" first. */
  placeholder: PlaceholderPolicy;
}

/** Offer a public result with a "Share in channel" button (share.ts): `/paper` results, shown only to the asker. */
export interface ShareOffer {
  store: ShareStore;
  /** Who the result is shown to (the only one who can share it). */
  user: string;
  channel: string;
}

/** A message the bot has posted and can edit: chat.update's address. */
interface PostedMessage {
  channel: string;
  ts: string;
}

/**
 * Renders a result and sends it to the right target, and is the one place a failed send is
 * handled: after the retries it is logged (never the message text, never a URL or token) and
 * swallowed, so a Slack outage cannot take the bot down or leave a rejected promise behind.
 */
export class Replier {
  constructor(private readonly options: ReplierOptions) {}

  async send(client: webApi.WebClient, result: CommandResult, surface: Surface, targets: ReplyTargets, share?: ShareOffer): Promise<boolean> {
    const isPublic = visibilityOf(result) === 'public';
    const target = isPublic ? targets.public : targets.private;
    let message = this.checked(renderResult(result, surface), result.kind);
    // The result is kept without the button: that is what the channel sees when it is shared.
    if (share && isPublic) message = this.checked(withShareButton(message, share.store.offer(message, share.user, share.channel)), result.kind);
    return this.sendMessage(client, message, target, result.kind);
  }

  /** Sends an already rendered message (a shared result); false (logged) when it could not be delivered. */
  async sendMessage(client: webApi.WebClient, message: SlackMessage, target: ReplyTarget, kind: string): Promise<boolean> {
    try {
      await this.deliver(client, message, target);
      this.options.logger.debug({ source: 'slack', target: target.kind, result: kind }, 'reply sent');
      return true;
    } catch (error) {
      this.options.logger.error(
        { source: 'slack', target: target.kind, ...('channel' in target ? { channel: target.channel } : {}), result: kind, err: describeError(error, this.options.scrub) },
        'Slack reply failed after retries',
      );
      return false;
    }
  }

  /** Deletes the message a response_url belongs to (the ephemeral result once shared); logged, never thrown. */
  async deleteOriginal(url: string): Promise<void> {
    try {
      await postToResponseUrl(url, { delete_original: true }, this.options.policy, this.options.sleep);
    } catch (error) {
      this.options.logger.warn({ source: 'slack', err: describeError(error, this.options.scrub) }, 'could not delete the shared ephemeral result');
    }
  }

  /**
   * Sends a result that may take a while, as Discord's deferred replies do: when it is ready
   * within the placeholder delay it is sent like {@link send}; otherwise "Searching…" is posted
   * to the public target first (only a `post` target: a thread or a DM) and, when the result is
   * ready, that message is edited into it (chat.update). A result for elsewhere (an ephemeral
   * error under a public placeholder) is sent there and the placeholder deleted. When the
   * placeholder could not be posted or the edit fails, the result is posted as usual, so a
   * question is answered whatever happens to the placeholder.
   */
  async sendWhenReady(client: webApi.WebClient, pending: Promise<CommandResult>, surface: Surface, targets: ReplyTargets): Promise<boolean> {
    const placeholderTarget = targets.public;
    if (placeholderTarget.kind !== 'post') return this.send(client, await pending, surface, targets);
    const ready = await readyWithin(pending, this.options.placeholder);
    if (ready) return this.send(client, ready.value, surface, targets);

    const placeholder = await this.postPlaceholder(client, placeholderTarget);
    let result: CommandResult;
    try {
      result = await pending;
    } catch (error) {
      // The listener's failure is logged by the app's error handler; no "Searching…" left behind.
      if (placeholder) await this.deletePlaceholder(client, placeholder);
      throw error;
    }
    if (!placeholder) return this.send(client, result, surface, targets);
    const target = visibilityOf(result) === 'public' ? targets.public : targets.private;
    if (target !== placeholderTarget) {
      const sent = await this.send(client, result, surface, targets);
      await this.deletePlaceholder(client, placeholder);
      return sent;
    }
    const message = this.checked(renderResult(result, surface), result.kind);
    try {
      await client.chat.update({ channel: placeholder.channel, ts: placeholder.ts, text: message.text, blocks: message.blocks });
      this.options.logger.debug({ source: 'slack', target: 'update', result: result.kind }, 'reply sent over the placeholder');
      return true;
    } catch (error) {
      this.options.logger.warn(
        { source: 'slack', channel: placeholder.channel, result: result.kind, err: describeError(error, this.options.scrub) },
        'could not edit the "Searching…" placeholder; posting the answer instead',
      );
      return this.send(client, result, surface, targets);
    }
  }

  /** Posts "Searching…"; undefined (logged) when Slack refuses, and the answer is then posted as usual. */
  private async postPlaceholder(client: webApi.WebClient, target: Extract<ReplyTarget, { kind: 'post' }>): Promise<PostedMessage | undefined> {
    try {
      const posted = await client.chat.postMessage({
        channel: target.channel,
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        text: SEARCHING_TEXT,
        unfurl_links: false,
        unfurl_media: false,
      });
      return posted.ts ? { channel: posted.channel ?? target.channel, ts: posted.ts } : undefined;
    } catch (error) {
      this.options.logger.warn({ source: 'slack', channel: target.channel, err: describeError(error, this.options.scrub) }, 'could not post the "Searching…" placeholder');
      return undefined;
    }
  }

  private async deletePlaceholder(client: webApi.WebClient, placeholder: PostedMessage): Promise<void> {
    try {
      await client.chat.delete({ channel: placeholder.channel, ts: placeholder.ts });
    } catch (error) {
      this.options.logger.warn({ source: 'slack', channel: placeholder.channel, err: describeError(error, this.options.scrub) }, 'could not delete the "Searching…" placeholder');
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
