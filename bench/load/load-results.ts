import type { LoadOptions } from './load-options.js';
import type { LoopFigures, ReloadEnd } from './load-protocol.js';
import type { DeliveryFigures, PhaseFigures } from './load-stats.js';

/** One phase: its figures and the bot's event-loop delay during it. */
export interface PhaseReport {
  figures: PhaseFigures;
  loop?: LoopFigures;
}

/** What `npm run load` writes to bench/results/load-latest.json. */
export interface LoadResults {
  startedAt: string;
  node: string;
  machine: { cores: number; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  options: LoadOptions;
  bot: { mode: string; papers: number; buildMs: number; generateMs: number };
  /** Mentions answered before the waves, not measured. */
  warmupMentions: number;
  /** All waves together, and each on its own. */
  waves?: PhaseReport & { perWave: PhaseFigures[] };
  reload?: PhaseReport & { filePapers: number; fileBytes: number; outcome?: ReloadEnd; note?: string };
  /** Answers per measured mention (waves and reload, not the warm-up), counted after the run settled. */
  delivery?: DeliveryFigures;
  /** Web API calls the bot made, by method. */
  webApi: Record<string, number>;
}

