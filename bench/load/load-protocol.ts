/** Messages between the load test (slack-acks.ts) and the bot's child process (bot-child.ts). */

/** What the child needs to serve: told over IPC, so the secret never shows in a process list. */
export interface BotTask {
  corpusDir: string;
  apiUrl: string;
  botToken: string;
  signingSecret: string;
  workers: number;
}

/** The bot's event-loop delay over one phase (monitorEventLoopDelay, 10 ms resolution), and its memory at the end. */
export interface LoopFigures {
  maxMs: number;
  p99Ms: number;
  meanMs: number;
  rssMb: number;
}

export type ReloadEnd = { kind: 'reloaded'; papers: number; ms: number } | { kind: 'refused'; ms: number; reason: string };

export type ParentMessage =
  | { kind: 'start'; task: BotTask }
  /** Report the loop delay since the last report (or since ready) as this phase's, and start over. */
  | { kind: 'phase-end'; phase: string }
  | { kind: 'stop' };

export type ChildMessage =
  | { kind: 'ready'; url: string; papers: number; buildMs: number }
  | { kind: 'reload-start' }
  | { kind: 'reload-end'; outcome: ReloadEnd }
  | { kind: 'loop'; phase: string; figures: LoopFigures }
  | { kind: 'failed'; message: string };
