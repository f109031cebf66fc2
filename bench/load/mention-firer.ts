import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeSlackWebApi } from './fake-slack-web-api.js';
import type { MentionOutcome } from './load-stats.js';
import { mentionEnvelope, mentionTs, slackSignatureHeaders, type LoadMention } from './slack-requests.js';

/** A request with no response after this long counts as failed (Slack gives up after 3 s). */
const REQUEST_TIMEOUT_MS = 30_000;
/** Channels the mentions are spread over. */
const CHANNELS = 5;

/** A mention sent: when, its acknowledgement (or failure), and the thread its answer goes to. */
interface FiredMention {
  sent: number;
  ackMs: number;
  status?: number;
  thread: string;
}

/** Fires the load's mentions and collects what happened to them. */
export class MentionFirer {
  private seq = 0;
  /** The thread of every mention fired, for the run's final count of answers per mention. */
  readonly threads: string[] = [];

  constructor(
    private readonly url: string,
    private readonly signingSecret: string,
    private readonly api: FakeSlackWebApi,
    private readonly questions: { long: string[]; short: string[] },
  ) {}

  /** Sends one mention; resolves when it is acknowledged (or failed), with a way to await its answer. */
  async fire(): Promise<FiredMention> {
    const seq = ++this.seq;
    const set = seq % 2 === 0 ? this.questions.long : this.questions.short;
    const mention: LoadMention = { seq, question: set[Math.floor(seq / 2) % set.length]!, channel: `CLOAD${seq % CHANNELS}` };
    const body = mentionEnvelope(mention);
    const headers = { 'content-type': 'application/json', ...slackSignatureHeaders(this.signingSecret, body, Math.floor(Date.now() / 1000)) };
    const sent = performance.now();
    const thread = mentionTs(seq);
    this.threads.push(thread);
    try {
      const response = await fetch(this.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const ackMs = performance.now() - sent;
      await response.arrayBuffer().catch(() => undefined);
      return { sent, ackMs, status: response.status, thread };
    } catch {
      // Failed (reset, or no response within the timeout): counted at the time it failed.
      return { sent, ackMs: performance.now() - sent, thread };
    }
  }

  /** Answer calls so far in the thread of each mention fired after the first `skip` (warm-up). */
  answersPerMention(skip = 0): number[] {
    return this.threads.slice(skip).map((thread) => this.api.threads.get(thread)?.answers ?? 0);
  }

  /** Waits for the answers of fired mentions until `deadline` (performance.now()), and sums them up. */
  async outcomes(fired: readonly FiredMention[], deadline: number): Promise<MentionOutcome[]> {
    const remaining = Math.max(0, deadline - performance.now());
    const wait = new AbortController();
    await Promise.race([Promise.all(fired.map((f) => this.api.answered(f.thread))), sleep(remaining, undefined, { signal: wait.signal }).catch(() => undefined)]);
    wait.abort();
    return fired.map((f) => {
      const activity = this.api.threads.get(f.thread);
      return {
        ackMs: f.ackMs,
        ...(f.status !== undefined ? { status: f.status } : {}),
        ...(activity?.answeredAt !== undefined ? { answerMs: activity.answeredAt - f.sent } : {}),
        placeholder: activity?.placeholderAt !== undefined,
        answers: activity?.answers ?? 0,
      };
    });
  }
}
