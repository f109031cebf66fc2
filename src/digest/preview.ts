import { InvalidOptionError } from '../errors.js';
import type { IndexService } from '../app/index-service.js';
import type { PaperbotStore, Platform } from '../store/store.js';
import type { Digest } from './digest-types.js';
import { feedbackFromVotes, hasFeedback } from './channel-profile.js';
import { localTime } from './local-time.js';
import { readTopic, topicWords } from './digest-topic.js';
import { digestItems } from './select-papers.js';
import { DEFAULT_DIGEST_COUNT, MAX_DIGEST_COUNT } from './subscriptions.js';

/** What to preview: a channel (its subscription and what it was sent), and/or a topic and count. */
export interface PreviewRequest {
  platform?: Platform;
  channel?: string;
  /** Default: the subscription's topic. */
  topic?: string;
  /** Default: the subscription's count, else 5. */
  count?: number | string;
  now: number;
  /** How the front-end names the count option in errors ("count", "--count"). Default "count". */
  countLabel?: string;
}

/**
 * The digest a channel would get now, without posting or recording anything: papers it was not
 * sent yet, by the subscription's topic and count unless given, dated in its time zone; with
 * how the topic's filter words were read, when it had any.
 */
export async function previewDigest(store: PaperbotStore, index: IndexService, request: PreviewRequest): Promise<Digest> {
  const { platform, channel } = request;
  const subscription = platform && channel ? await store.getSubscription(platform, channel) : undefined;
  const posted = platform && channel ? await store.postedPaperIds(platform, channel) : new Set<string>();
  const topic = request.topic || subscription?.topic;
  const count = request.count !== undefined ? Number(request.count) : (subscription?.count ?? DEFAULT_DIGEST_COUNT);
  if (!Number.isInteger(count) || count < 1 || count > MAX_DIGEST_COUNT) {
    throw new InvalidOptionError(`${request.countLabel ?? 'count'} must be a whole number from 1 to ${MAX_DIGEST_COUNT}`);
  }
  const feedback = platform && channel ? feedbackFromVotes(await store.listVotes(platform, channel)) : undefined;
  const papers = await index.digestPapers([...posted], count, topic, hasFeedback(feedback) ? feedback : undefined, request.now);
  const reading = await readTopic(index, topic, request.now);
  return {
    platform: platform ?? 'slack',
    channel: channel ?? '',
    localDate: localTime(request.now, subscription?.timezone ?? 'UTC').date,
    items: digestItems(papers, topicWords(topic)),
    ...(topic ? { topic } : {}),
    ...(reading ? { reading } : {}),
  };
}
