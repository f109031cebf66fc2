import { summarize, type Latency } from '../stats.js';

/** Slack retries an event whose acknowledgement takes this long or longer. */
export const SLACK_ACK_LIMIT_MS = 3_000;

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
  /** Mentions with no answer by the end of the phase. */
  unanswered: number;
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
    placeholders: outcomes.filter((o) => o.placeholder).length,
  };
}
