import { z } from 'zod';
import { describeSubscription, DEFAULT_DIGEST_COUNT, MAX_DIGEST_COUNT, subscribe } from '../digest/subscriptions.js';
import { feedbackFromVotes, hasFeedback } from '../digest/channel-profile.js';
import { describeTopicReading, readTopic } from '../digest/digest-topic.js';
import { previewDigest } from '../digest/preview.js';
import { InvalidOptionError } from '../errors.js';
import type { DigestRecord } from '../store/store.js';
import type { CommandContext } from './command.js';
import { defineCommand } from './command.js';
import type { CommandResult } from './results.js';
import { parseTextArgs } from './text-args.js';

const ACTIONS = ['subscribe', 'unsubscribe', 'preview', 'status', 'why', 'reset'] as const;

/** Terms shown each way by `digest why`. */
const WHY_TERMS = 8;

/** The store and channel a digest command needs, or a message saying why it cannot run here. */
function where(context: CommandContext) {
  if (!context.conversation) {
    throw new InvalidOptionError('Digests are per channel: use this command in a Slack or Discord channel (from a terminal: paperbot digest subscribe --platform … --channel …).');
  }
  if (!context.store) throw new InvalidOptionError('Digests need the database, and this instance runs without one.');
  return { store: context.store, ...context.conversation, now: context.now?.() ?? Date.now() };
}

/** One line of `digest status`: "2026-11-23: sent (3 papers)". */
function describeRecord(record: DigestRecord): string {
  if (record.status !== 'sent') return `${record.localDate}: ${record.status} (attempt ${record.attempts})`;
  if (record.paperIds.length === 0 && !record.messageRef) return `${record.localDate}: nothing new (nothing posted)`;
  const n = record.paperIds.length;
  return `${record.localDate}: sent (${n === 0 ? 'nothing new' : `${n} paper${n === 1 ? '' : 's'}`})`;
}

/** `digest subscribe|unsubscribe|preview|status|why|reset`: this channel's daily digest and what it learnt from votes. */
export default defineCommand({
  name: 'digest',
  summary: 'Daily digest for this channel: subscribe, unsubscribe, preview, status, why (votes) or reset',
  usage: 'digest subscribe|unsubscribe|preview|status|why|reset [TOPIC] [--time HH:MM] [--tz ZONE] [--count N] [--quiet]',
  options: [
    { name: 'action', description: 'subscribe, unsubscribe, preview, status, why or reset', type: 'string', required: true, choices: ACTIONS },
    { name: 'topic', description: 'Topic to rank by; filters in words too, e.g. "diffusion with code" (subscribe, preview)', type: 'string', required: false, rest: true, maxLength: 500 },
    { name: 'time', description: 'Local time of day, HH:MM (default 09:00)', type: 'string', required: false, maxLength: 5 },
    { name: 'tz', description: 'IANA time zone, e.g. Europe/Berlin (default UTC)', type: 'string', required: false, maxLength: 64 },
    { name: 'count', description: `Papers per digest (1-${MAX_DIGEST_COUNT}, default ${DEFAULT_DIGEST_COUNT})`, type: 'integer', required: false, min: 1, max: MAX_DIGEST_COUNT },
    { name: 'quiet', description: 'Post nothing on days with nothing new (default: a short note)', type: 'boolean', required: false },
  ],
  schema: z.object({
    action: z.enum(ACTIONS, { error: `action must be one of ${ACTIONS.join(', ')}` }),
    topic: z.string().trim().max(500, { error: 'topic must be at most 500 characters' }).optional(),
    time: z.string().optional(),
    tz: z.string().optional(),
    // Validated with the other subscription options, so every problem is listed at once.
    count: z.union([z.number(), z.string()]).optional(),
    quiet: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
  }),
  fromText(text) {
    const { words, options } = parseTextArgs(text, ['time', 'tz', 'count', 'topic'], ['quiet']);
    const [action, ...topic] = words;
    return {
      action: action?.toLowerCase(),
      topic: options.topic ?? (topic.join(' ') || undefined),
      time: options.time,
      tz: options.tz,
      count: options.count,
      quiet: options.quiet,
    };
  },
  async execute(input, context): Promise<CommandResult> {
    const { store, platform, channel, now } = where(context);
    switch (input.action) {
      case 'subscribe': {
        const subscription = await subscribe(
          store,
          { platform, channel, time: input.time, tz: input.tz, topic: input.topic || undefined, count: input.count, quiet: input.quiet ?? false },
          now,
        );
        // A topic of filter words only ("with code") is a valid topic: say how it was read.
        const reading = await readTopic(context.index, subscription.topic, now);
        return {
          kind: 'notice',
          title: 'Subscribed to the daily paper digest',
          lines: [
            describeSubscription(subscription),
            ...(reading ? [describeTopicReading(reading)] : []),
            '"digest preview" shows what it would post now; "digest unsubscribe" stops it.',
          ],
        };
      }
      case 'unsubscribe': {
        const removed = await store.removeSubscription(platform, channel);
        if (!removed) throw new InvalidOptionError('This channel has no digest subscription.');
        return { kind: 'notice', title: 'Unsubscribed', lines: ['This channel will get no more daily digests.'] };
      }
      case 'preview': {
        const digest = await previewDigest(store, context.index, {
          platform,
          channel,
          now,
          ...(input.topic ? { topic: input.topic } : {}),
          ...(input.count !== undefined ? { count: input.count } : {}),
        });
        return { kind: 'digest', digest };
      }
      case 'status': {
        const subscription = await store.getSubscription(platform, channel);
        if (!subscription) return { kind: 'notice', title: 'No digest', lines: ['This channel has no daily digest. "digest subscribe" starts one.'] };
        const recent = (await store.listDigests(platform, channel)).slice(0, 3);
        const reading = await readTopic(context.index, subscription.topic, now);
        return {
          kind: 'notice',
          title: 'Daily paper digest',
          lines: [
            describeSubscription(subscription),
            ...(reading ? [describeTopicReading(reading)] : []),
            ...(recent.length ? recent.map(describeRecord) : ['No digest posted yet.']),
          ],
        };
      }
      case 'why': {
        const feedback = feedbackFromVotes(await store.listVotes(platform, channel));
        if (!hasFeedback(feedback)) {
          return {
            kind: 'notice',
            title: 'Nothing learnt yet',
            lines: ['No votes in this channel: digests follow the topic and the newest papers. Vote 👍 or 👎 on a digest’s papers to steer the next ones.'],
          };
        }
        const summary = await context.index.digestProfile(feedback, WHY_TERMS);
        const papers = (n: number) => `${n} paper${n === 1 ? '' : 's'}`;
        return {
          kind: 'notice',
          title: 'What this channel’s digest has learnt',
          lines: [
            `From the votes on ${papers(summary.likedPapers)} liked and ${papers(summary.dislikedPapers)} disliked.`,
            ...(summary.liked.length ? [`More of: ${summary.liked.join(', ')}`] : []),
            ...(summary.disliked.length ? [`Less of: ${summary.disliked.join(', ')}`] : []),
            '"digest reset" forgets the votes.',
          ],
        };
      }
      case 'reset': {
        const cleared = await store.clearVotes(platform, channel);
        return {
          kind: 'notice',
          title: 'Votes forgotten',
          lines: [
            cleared === 0
              ? 'This channel had no votes; digests follow the topic and the newest papers.'
              : `Forgot ${cleared} vote${cleared === 1 ? '' : 's'}: the next digests follow the topic and the newest papers again (papers already sent are still never sent again).`,
          ],
        };
      }
    }
  },
});
