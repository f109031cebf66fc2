import { Command as Program, Option } from 'commander';
import type { DigestPoster } from '../digest/digest-poster.js';
import { describeSubscription, subscribe } from '../digest/subscriptions.js';
import { feedbackFromVotes } from '../digest/channel-profile.js';
import { describeTopicReading, readTopic } from '../digest/digest-topic.js';
import { previewDigest } from '../digest/preview.js';
import { runDueDigests, type DigestRunReport } from '../digest/run-digests.js';
import type { Logger } from '../log/logger.js';
import { InvalidOptionError } from '../errors.js';
import { LocalIndexService } from '../app/local-index-service.js';
import type { PaperIndex } from '../search/paper-index.js';
import type { PaperbotStore, Platform } from '../store/store.js';
import { renderDigestText } from '../render/text.js';
import { PLATFORM_SETTINGS } from '../config/env.js';
import { println, printJson, textWidth, type CliIo } from './io.js';

/** What the digest subcommands need from the composition root. */
export interface DigestCliDeps {
  io: CliIo;
  /** Opens the configured store (DATABASE_URL), migrated. */
  openStore(): Promise<PaperbotStore>;
  /** Posters for the platforms that have credentials (REST only, no gateway login). */
  posters(): Promise<Partial<Record<Platform, DigestPoster>>>;
  /** Loads the corpus index. */
  index(): Promise<PaperIndex>;
  now(): number;
  logger: Logger;
  json(): boolean;
}

function platformOption(): Option {
  return new Option('--platform <platform>', 'slack or discord').choices(['slack', 'discord']).makeOptionMandatory();
}

/** One line per digest of a run: what was sent, skipped, failed. */
export function formatRunReport(report: DigestRunReport): string {
  const lines = [
    ...report.sent.map((key) => `sent     ${key}`),
    ...report.failed.map((f) => `failed   ${f.key} (${f.outcome}): ${f.error}`),
    ...report.skipped.map((s) => `skipped  ${s.key}: ${s.reason}`),
  ];
  return lines.length ? lines.join('\n') : 'No digest is due.';
}

/**
 * What is missing to post every subscription: "2 digest subscriptions cannot be posted: Slack
 * needs SLACK_BOT_TOKEN (not set)", or undefined when every platform has a poster.
 */
export function missingCredentials(subscriptions: readonly { platform: Platform }[], posters: Partial<Record<Platform, DigestPoster>>): string | undefined {
  const orphans = subscriptions.filter((s) => !posters[s.platform]);
  if (orphans.length === 0) return undefined;
  const platforms = [...new Set(orphans.map((s) => s.platform))].map((p) => `${PLATFORM_SETTINGS[p].name} needs ${PLATFORM_SETTINGS[p].token}`);
  const count = orphans.length === 1 ? '1 digest subscription cannot' : `${orphans.length} digest subscriptions cannot`;
  return `${count} be posted: ${platforms.join(', and ')} (not set in the environment or .env)`;
}

/**
 * `paperbot digest subscribe|unsubscribe|list|preview|run`. `run` posts every digest due at a
 * moment through the platforms' REST APIs and exits 0 — also when another instance got there
 * first — so a system cron or a second instance can call it; 1 when a post failed or a
 * subscription's platform has no credentials.
 */
export function addDigestCommands(program: Program, deps: DigestCliDeps): void {
  const digest = program.command('digest').description('daily paper digests for Slack and Discord channels');
  const withStore = async <T>(work: (store: PaperbotStore) => Promise<T>): Promise<T> => {
    const store = await deps.openStore();
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  };
  const out = (value: unknown, text: string) => (deps.json() ? printJson(deps.io.stdout, value) : println(deps.io.stdout, text));

  digest
    .command('subscribe')
    .description('post a digest to a channel every day (replaces its earlier subscription)')
    .addOption(platformOption())
    .requiredOption('--channel <id>', 'channel id (Slack C…, Discord snowflake)')
    .option('--time <HH:MM>', 'local time of day (default 09:00)')
    .option('--tz <zone>', 'IANA time zone (default UTC)')
    .option('--topic <text>', 'rank papers by relevance to this topic; filters in words too ("diffusion with code", "video since 2024")')
    .option('--count <n>', 'papers per digest (1-20, default 5)')
    .option('--quiet', 'post nothing when there is nothing new (default: a short "nothing new today")')
    .action((options: { platform: Platform; channel: string; time?: string; tz?: string; topic?: string; count?: string; quiet?: boolean }) =>
      withStore(async (store) => {
        const now = deps.now();
        const subscription = await subscribe(store, { ...options, quiet: Boolean(options.quiet) }, now);
        // Filters said in the topic ("diffusion with code") are read against the corpus, and shown.
        const reading = subscription.topic ? await readTopic(new LocalIndexService(await deps.index()), subscription.topic, now) : undefined;
        out(reading ? { ...subscription, reading } : subscription, [`Subscribed: ${describeSubscription(subscription)}`, ...(reading ? [describeTopicReading(reading)] : [])].join('\n'));
      }),
    );

  digest
    .command('unsubscribe')
    .description("stop a channel's digest")
    .addOption(platformOption())
    .requiredOption('--channel <id>', 'channel id')
    .action((options: { platform: Platform; channel: string }) =>
      withStore(async (store) => {
        const removed = await store.removeSubscription(options.platform, options.channel);
        if (!removed) throw new InvalidOptionError(`No digest subscription for ${options.platform} channel ${options.channel}.`);
        out({ removed }, `Unsubscribed ${options.platform} ${options.channel}.`);
      }),
    );

  digest
    .command('why')
    .description("what a channel's digest learnt from its 👍/👎 votes: its strongest terms each way")
    .addOption(platformOption())
    .requiredOption('--channel <id>', 'channel id')
    .action((options: { platform: Platform; channel: string }) =>
      withStore(async (store) => {
        const feedback = feedbackFromVotes(await store.listVotes(options.platform, options.channel));
        const summary = await new LocalIndexService(await deps.index()).digestProfile(feedback);
        const text =
          summary.likedPapers + summary.dislikedPapers === 0
            ? `No votes in ${options.platform} ${options.channel}: its digests follow the topic and the newest papers.`
            : [
                `From the votes on ${summary.likedPapers} liked and ${summary.dislikedPapers} disliked papers:`,
                `More of: ${summary.liked.join(', ') || '—'}`,
                `Less of: ${summary.disliked.join(', ') || '—'}`,
              ].join('\n');
        out(summary, text);
      }),
    );

  digest
    .command('reset')
    .description("forget a channel's votes (its digests follow the topic and the newest papers again)")
    .addOption(platformOption())
    .requiredOption('--channel <id>', 'channel id')
    .action((options: { platform: Platform; channel: string }) =>
      withStore(async (store) => {
        const cleared = await store.clearVotes(options.platform, options.channel);
        out({ cleared }, `Forgot ${cleared} vote${cleared === 1 ? '' : 's'} of ${options.platform} ${options.channel}.`);
      }),
    );

  digest
    .command('list')
    .description('list the subscriptions')
    .action(() =>
      withStore(async (store) => {
        const subscriptions = await store.listSubscriptions();
        out(subscriptions, subscriptions.length ? subscriptions.map(describeSubscription).join('\n') : 'No digest subscriptions.');
      }),
    );

  digest
    .command('preview')
    .description('show the digest a channel would get now (or a topic\'s), without posting or recording it')
    .option('--platform <platform>', 'with --channel: leave out what that channel was already sent')
    .option('--channel <id>', 'channel id')
    .option('--topic <text>', 'rank by relevance to this topic (default: the subscription\'s)')
    .option('--count <n>', 'papers (default: the subscription\'s, else 5)')
    .action((options: { platform?: Platform; channel?: string; topic?: string; count?: string }) =>
      withStore(async (store) => {
        const preview = await previewDigest(store, new LocalIndexService(await deps.index()), {
          ...(options.platform ? { platform: options.platform } : {}),
          ...(options.channel ? { channel: options.channel } : {}),
          ...(options.topic ? { topic: options.topic } : {}),
          ...(options.count !== undefined ? { count: options.count } : {}),
          now: deps.now(),
          countLabel: '--count',
        });
        out(preview, renderDigestText(preview, { width: textWidth(deps.io.stdout) }));
      }),
    );

  digest
    .command('run')
    .description('post every digest due at a moment (default now); safe to run from cron on several machines')
    .option('--at <iso-time>', 'the moment, e.g. 2026-11-23T09:00:00Z (default now)')
    .action((options: { at?: string }) =>
      withStore(async (store) => {
        const now = options.at === undefined ? deps.now() : Date.parse(options.at);
        if (Number.isNaN(now)) throw new InvalidOptionError(`--at must be an ISO time such as 2026-11-23T09:00:00Z, not "${options.at}".`);
        const posters = await deps.posters();
        const subscriptions = await store.listSubscriptions();
        const report = await runDueDigests({ store, index: await deps.index(), posters, now, logger: deps.logger, subscriptions });
        out(report, formatRunReport(report));
        // Claimed elsewhere or already sent is success; a post that failed is not, and neither
        // is a subscription that can never be posted (due now or not): cron must say so.
        if (report.failed.length > 0) process.exitCode = 1;
        const unposted = missingCredentials(subscriptions, posters);
        if (unposted) {
          println(deps.io.stderr, `paperbot: ${unposted}`);
          process.exitCode = 1;
        }
      }),
    );
}
