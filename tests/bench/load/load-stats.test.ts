import { describe, expect, it } from 'vitest';
import { deliveryFigures, phaseFigures, SLACK_ACK_LIMIT_MS } from '../../../bench/load/load-stats.js';

describe('the figures of a phase of the load', () => {
  it('counts as retried by Slack the acknowledgements of 3 s or more, and the requests that failed or got no 2xx', () => {
    const figures = phaseFigures([
      { ackMs: 10, status: 200, answerMs: 40, placeholder: false },
      { ackMs: SLACK_ACK_LIMIT_MS - 1, status: 200, answerMs: 3100, placeholder: false },
      { ackMs: SLACK_ACK_LIMIT_MS, status: 200, answerMs: 3200, placeholder: true },
      { ackMs: 20, placeholder: false },
      { ackMs: 5, status: 401, placeholder: false },
    ]);
    expect(figures.mentions).toBe(5);
    expect(figures.ackFailures).toBe(2);
    expect(figures.retriedShare).toBe(3 / 5);
  });

  it('times every acknowledgement, a failed request at the time it failed, so failures raise the tail', () => {
    const figures = phaseFigures([
      ...Array.from({ length: 99 }, () => ({ ackMs: 10, status: 200, answerMs: 40, placeholder: false })),
      { ackMs: 30_000, placeholder: false },
    ]);
    expect(figures.ack).toEqual({ n: 100, p50: 10, p99: 10, max: 30_000 });
    expect(phaseFigures([{ ackMs: 30_000, placeholder: false }, { ackMs: 30_000, placeholder: false }]).ack).toEqual({ n: 2, p50: 30_000, p99: 30_000, max: 30_000 });
  });

  it('times answers only for the mentions that got one, and counts the rest and the placeholders', () => {
    const figures = phaseFigures([
      { ackMs: 1, status: 200, answerMs: 100, placeholder: true },
      { ackMs: 1, status: 200, answerMs: 300, placeholder: false },
      { ackMs: 1, status: 200, placeholder: true },
    ]);
    expect(figures.answer).toEqual({ n: 2, p50: 100, p99: 300, max: 300 });
    expect(figures.unanswered).toBe(1);
    expect(figures.placeholders).toBe(2);
  });

  it('has no latencies and no retries for a phase without mentions', () => {
    expect(phaseFigures([])).toEqual({ mentions: 0, ackFailures: 0, retriedShare: 0, unanswered: 0, duplicates: 0, ackOver1s: 0, placeholders: 0 });
  });

  it('counts answers beyond the first in a thread as duplicates, and mentions with none as lost', () => {
    const figures = phaseFigures([
      { ackMs: 1, status: 200, answerMs: 100, placeholder: false, answers: 1 },
      { ackMs: 1, status: 200, answerMs: 100, placeholder: true, answers: 3 },
      { ackMs: 1, status: 200, placeholder: false, answers: 0 },
      { ackMs: 1, status: 200, answerMs: 50, placeholder: false },
    ]);
    expect(figures.duplicates).toBe(2);
    expect(figures.unanswered).toBe(1);
  });

  it('counts the acknowledgements of 1 s or more, failed requests included (the reload target: none)', () => {
    const figures = phaseFigures([
      { ackMs: 999, status: 200, placeholder: false },
      { ackMs: 1000, status: 200, placeholder: false },
      { ackMs: 5, placeholder: false },
    ]);
    expect(figures.ackOver1s).toBe(2);
  });
});

describe('delivery over a run: each mention answered exactly once', () => {
  it('counts the mentions answered once, duplicated (and the extra answers), and lost', () => {
    expect(deliveryFigures([1, 1, 2, 0, 3, 1])).toEqual({ mentions: 6, answeredOnce: 3, duplicated: 2, duplicateAnswers: 3, lost: 1 });
    expect(deliveryFigures([])).toEqual({ mentions: 0, answeredOnce: 0, duplicated: 0, duplicateAnswers: 0, lost: 0 });
  });
});
