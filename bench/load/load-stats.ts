import { summarize, type Latency } from '../stats.js';

/** Slack retries an event whose acknowledgement takes this long or longer. */
export const SLACK_ACK_LIMIT_MS = 3_000;
/** Issue 11's bar for every acknowledgement while the corpus reloads (and for p99 at any time). */
export const ACK_TARGET_MS = 1_000;

/** What happened to one mention. */
export interface MentionOutcome {
  /** Request sent → HTTP response headers, or → the request failing (reset, timeout), ms. */
  ackMs: number;
  /** HTTP status of the acknowledgement; undefined when the request failed. */
  status?: number;
  /** Request sent → the answer at the fake Web API, ms; undefined when it never came. */
  answerMs?: number;
  /** Whether "Searching…" was posted first. */
  placeholder: boolean;
  /**
   * Answers that reached its thread (posts, ephemeral replies, edits of "Searching…"; the
   * placeholder itself is not one): 1 is right, more are duplicates. Default: 1 when `answerMs` is set.
   */
  answers?: number;
}

/** Figures of one phase of the load. */
export interface PhaseFigures {
  mentions: number;
  /**
   * Acknowledgement latency of every request: a request that failed or got no 2xx counts at the
   * time it ended (a timeout at its limit), so failures raise the tail instead of leaving it.
   */
  ack?: Latency;
  /** Requests that failed or got no 2xx (Slack would retry them). */
  ackFailures: number;
  /**
   * Share of the mentions that Slack would retry: an acknowledgement of 3 s or more, or none
   * (failed requests count). 0 to 1.
   */
  retriedShare: number;
  /** Request sent → answer posted. */
  answer?: Latency;
  /** Mentions with no answer by the end of the phase (lost). */
  unanswered: number;
  /** Answers beyond the first in a mention's thread (each mention should be answered exactly once). */
  duplicates: number;
  /** Acknowledgements of {@link ACK_TARGET_MS} or more (failed requests count). */
  ackOver1s: number;
  /** Mentions that got "Searching…" first. */
  placeholders: number;
}

/** Sums up a phase's outcomes. */
export function phaseFigures(outcomes: readonly MentionOutcome[]): PhaseFigures {
  const acked = (o: MentionOutcome): boolean => o.status !== undefined && o.status >= 200 && o.status < 300;
  const failures = outcomes.filter((o) => !acked(o)).length;
  const retried = outcomes.filter((o) => !acked(o) || o.ackMs >= SLACK_ACK_LIMIT_MS).length;
  const answers = outcomes.flatMap((o) => (o.answerMs === undefined ? [] : [o.answerMs]));
  const ack = summarize(outcomes.map((o) => o.ackMs));
  const answer = summarize(answers);
  return {
    mentions: outcomes.length,
    ...(ack ? { ack } : {}),
    ackFailures: failures,
    retriedShare: outcomes.length === 0 ? 0 : retried / outcomes.length,
    ...(answer ? { answer } : {}),
    unanswered: outcomes.length - answers.length,
    duplicates: outcomes.reduce((sum, o) => sum + Math.max(0, (o.answers ?? (o.answerMs === undefined ? 0 : 1)) - 1), 0),
    ackOver1s: outcomes.filter((o) => !acked(o) || o.ackMs >= ACK_TARGET_MS).length,
    placeholders: outcomes.filter((o) => o.placeholder).length,
  };
}

/** Each mention answered exactly once? Counted over a whole run, after a settling pause, so a late duplicate is seen too. */
export interface DeliveryFigures {
  mentions: number;
  /** Mentions whose thread got exactly one answer. */
  answeredOnce: number;
  /** Mentions whose thread got more than one answer. */
  duplicated: number;
  /** Answers beyond the first, over all threads. */
  duplicateAnswers: number;
  /** Mentions whose thread got no answer at all. */
  lost: number;
}

/** Sums up answers per mention (`answers[i]`: answer calls in mention i's thread). */
export function deliveryFigures(answers: readonly number[]): DeliveryFigures {
  return {
    mentions: answers.length,
    answeredOnce: answers.filter((n) => n === 1).length,
    duplicated: answers.filter((n) => n > 1).length,
    duplicateAnswers: answers.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    lost: answers.filter((n) => n === 0).length,
  };
}
