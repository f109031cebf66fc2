import { LogLevel, webApi } from '@slack/bolt';
import type { Env } from '../../src/config/env.js';
import { DigestPostError, type DigestPoster, type PostReceipt } from '../../src/digest/digest-poster.js';
import type { Digest } from '../../src/digest/digest-types.js';
import { silentLogger, type Logger } from '../../src/log/logger.js';
import { DEFAULT_SLACK_API_URL } from './app.js';
import { boltLogger } from './bolt-logger.js';
import { renderDigestMessage } from './render-digest.js';
import { DEFAULT_RETRY_POLICY, webClientRetryOptions, type RetryPolicy } from './retry-policy.js';
import { secretScrubber } from './scrub-secrets.js';

const withTrailingSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

/** Slack message metadata type that marks a digest post, so an uncertain one can be found again. */
export const DIGEST_EVENT_TYPE = 'paperbot_digest';

/** The Web API client's error for "no answer" (timeout, connection lost); other codes are answers from Slack. */
const NO_ANSWER_CODE = 'slack_webapi_request_error';

/**
 * Posts digests through Slack's Web API only (no Socket Mode or HTTP listener needed), so
 * `paperbot digest run` works from cron. Each post carries message metadata with the digest's
 * nonce: Slack has no idempotent post, so after a timeout the runner first looks for that
 * metadata in the channel's recent history ({@link findPosted}) before sending again.
 */
export class SlackDigestPoster implements DigestPoster {
  readonly platform = 'slack' as const;

  constructor(private readonly client: webApi.WebClient) {}

  /**
   * A poster for the configured bot (SLACK_BOT_TOKEN, SLACK_API_URL). Its client does not retry:
   * `chat.postMessage` is not idempotent, so a retried timeout could post a digest twice; the
   * digest runner retries instead, after checking whether the first post arrived.
   *
   * The client logs through `logger` (default: nowhere), never its own console logger: that one
   * writes to stdout, which broke `paperbot --json digest run` when Slack rate-limited a post.
   */
  static fromEnv(env: Pick<Env, 'SLACK_BOT_TOKEN' | 'SLACK_API_URL'>, policy: RetryPolicy = DEFAULT_RETRY_POLICY, logger: Logger = silentLogger): SlackDigestPoster {
    const noRetries = { ...policy, retries: 0 };
    const log = boltLogger(logger, secretScrubber([env.SLACK_BOT_TOKEN]), LogLevel.INFO);
    return new SlackDigestPoster(
      new webApi.WebClient(env.SLACK_BOT_TOKEN, {
        slackApiUrl: withTrailingSlash(env.SLACK_API_URL ?? DEFAULT_SLACK_API_URL),
        logger: log,
        logLevel: LogLevel.INFO,
        ...webClientRetryOptions(noRetries),
      }),
    );
  }

  async post(digest: Digest, nonce: string): Promise<PostReceipt> {
    const message = renderDigestMessage(digest);
    try {
      const result = await this.client.chat.postMessage({
        channel: digest.channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { nonce, date: digest.localDate } },
      });
      return { messageRef: String(result.ts) };
    } catch (error) {
      const code = (error as { code?: string }).code;
      const outcome = code === undefined || code === NO_ANSWER_CODE ? 'unknown' : 'failed';
      const detail = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
      throw new DigestPostError(outcome, `Slack ${outcome === 'failed' ? 'refused' : 'did not answer'} the digest post in ${digest.channel}: ${detail}`, { cause: error });
    }
  }

  async findPosted(channel: string, nonce: string, sinceIso: string): Promise<PostReceipt | undefined> {
    const oldest = String(Math.floor(Date.parse(sinceIso) / 1000) - 60);
    const history = await this.client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200 });
    const found = (history.messages ?? []).find(
      (message) => message.metadata?.event_type === DIGEST_EVENT_TYPE && (message.metadata.event_payload as { nonce?: string } | undefined)?.nonce === nonce,
    );
    return found?.ts ? { messageRef: found.ts } : undefined;
  }
}
