import { z } from 'zod';
import { InvalidOptionError } from '../errors.js';
import type { PaperbotStore, Platform, Subscription } from '../store/store.js';
import { isTimeZone, parseTimeOfDay } from './local-time.js';

/** Subscription defaults: 09:00 UTC, 5 papers, "nothing new today" when empty. */
export const DEFAULT_DIGEST_TIME = '09:00';
export const DEFAULT_DIGEST_TIMEZONE = 'UTC';
export const DEFAULT_DIGEST_COUNT = 5;
/** Most papers in one digest (a digest is a morning read, not a dump; also keeps messages in platform limits). */
export const MAX_DIGEST_COUNT = 20;

/** Channel ids as each platform writes them; anything else is refused before it reaches a database or an API. */
const CHANNEL_PATTERNS: Record<Platform, RegExp> = {
  slack: /^[CGD][A-Z0-9]{2,20}$/,
  discord: /^\d{15,22}$/,
};

/** The options of "digest subscribe", from any front-end (validated; messages name the option). */
export const subscribeInputSchema = z
  .object({
    platform: z.enum(['slack', 'discord'], { error: 'platform must be slack or discord' }),
    channel: z.string({ error: 'channel is required' }).trim().min(1, { error: 'channel is required' }),
    time: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return DEFAULT_DIGEST_TIME;
        const time = parseTimeOfDay(value);
        if (!time) {
          ctx.addIssue({ code: 'custom', message: `time must be HH:MM (24 h), not "${value.slice(0, 20)}"` });
          return z.NEVER;
        }
        return time;
      }),
    tz: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return DEFAULT_DIGEST_TIMEZONE;
        if (!isTimeZone(value)) {
          ctx.addIssue({ code: 'custom', message: `tz must be an IANA time zone such as Europe/Berlin, not "${value.slice(0, 40)}"` });
          return z.NEVER;
        }
        return value;
      }),
    topic: z.string().trim().max(500, { error: 'topic must be at most 500 characters' }).optional(),
    count: z.coerce
      .number({ error: 'count must be a whole number' })
      .int({ error: 'count must be a whole number' })
      .min(1, { error: 'count must be at least 1' })
      .max(MAX_DIGEST_COUNT, { error: `count must be at most ${MAX_DIGEST_COUNT}` })
      .default(DEFAULT_DIGEST_COUNT),
    quiet: z.boolean().default(false),
  })
  .superRefine((input, ctx) => {
    if (!CHANNEL_PATTERNS[input.platform].test(input.channel)) {
      ctx.addIssue({ code: 'custom', path: ['channel'], message: `channel "${input.channel.slice(0, 40)}" is not a ${input.platform} channel id` });
    }
  });

export type SubscribeInput = z.input<typeof subscribeInputSchema>;

/** Validates subscribe options into a subscription; throws InvalidOptionError listing every problem. */
export function toSubscription(input: unknown, now: number): Subscription {
  const parsed = subscribeInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidOptionError(parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  const { platform, channel, time, tz, topic, count, quiet } = parsed.data;
  const subscription: Subscription = { platform, channel, time, timezone: tz, count, quietWhenEmpty: quiet, updatedAt: new Date(now).toISOString() };
  if (topic) subscription.topic = topic;
  return subscription;
}

/** Creates or replaces a channel's subscription. */
export async function subscribe(store: PaperbotStore, input: unknown, now: number): Promise<Subscription> {
  const subscription = toSubscription(input, now);
  await store.upsertSubscription(subscription);
  return subscription;
}

/** One line describing a subscription: "slack C123 — 09:00 Europe/Berlin, 5 papers, topic "diffusion"". */
export function describeSubscription(subscription: Subscription): string {
  return (
    `${subscription.platform} ${subscription.channel} — daily at ${subscription.time} ${subscription.timezone}, ` +
    `${subscription.count} paper${subscription.count === 1 ? '' : 's'}` +
    (subscription.topic ? `, topic "${subscription.topic}"` : '') +
    (subscription.quietWhenEmpty ? ', silent when nothing is new' : '')
  );
}
