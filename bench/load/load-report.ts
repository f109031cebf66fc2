import type { Latency } from '../stats.js';
import type { LoadResults, PhaseReport } from './load-results.js';

const ms = (x: number | undefined): string => (x === undefined ? '–' : x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);
const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;
const latency = (l: Latency | undefined): [string, string, string] => [ms(l?.p50), ms(l?.p99), ms(l?.max)];

/** The load test's figures as a table: one row per phase. */
export function formatLoadReport(results: LoadResults): string[] {
  const { options, bot } = results;
  const header = ['phase', 'mentions', 'ack p50', 'ack p99', 'ack max', 'ack ≥1 s', '≥3 s or failed', 'answer p50', 'answer p99', 'lost', 'duplicates', '"Searching…"', 'loop delay max', 'loop p99', 'bot RSS'];
  const row = (name: string, phase: PhaseReport | undefined): string[] => {
    if (!phase) return [name, '–'];
    const f = phase.figures;
    return [
      name,
      String(f.mentions),
      ...latency(f.ack),
      String(f.ackOver1s),
      `${pct(f.retriedShare)} (${f.ackFailures} failed)`,
      ms(f.answer?.p50),
      ms(f.answer?.p99),
      String(f.unanswered),
      String(f.duplicates),
      String(f.placeholders),
      ms(phase.loop?.maxMs),
      ms(phase.loop?.p99Ms),
      phase.loop ? `${phase.loop.rssMb} MB` : '–',
    ];
  };
  const waves = options.mentions === options.waves * options.concurrency ? `${options.waves}×${options.concurrency}` : `${options.mentions} in waves of ${options.concurrency}`;
  const rows = [header, row(`waves (${waves})`, results.waves)];
  if (results.reload) rows.push(row(`reload (+${results.reload.filePapers})`, results.reload));
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = [
    `Slack acknowledgements — ${bot.papers} papers, bot ${bot.mode}, built in ${ms(bot.buildMs)}; target: ack p99 < 1 s, none ≥ 3 s, none ≥ 1 s during the reload, each mention answered exactly once`,
    ...rows.map((r) => `| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`),
  ];
  lines.splice(2, 0, `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  const reload = results.reload;
  if (reload?.outcome) {
    lines.push(`reload: a ${(reload.fileBytes / 2 ** 20).toFixed(1)} MB file of ${reload.filePapers} papers; ${reload.outcome.kind} in ${ms(reload.outcome.ms)}${reload.outcome.kind === 'reloaded' ? ` (${reload.outcome.papers} papers served)` : `: ${reload.outcome.reason}`}`);
  } else if (reload?.note) {
    lines.push(`reload: ${reload.note}`);
  }
  const d = results.delivery;
  if (d) {
    lines.push(`answers per mention (after the run settled): ${d.answeredOnce} of ${d.mentions} answered exactly once; ${d.duplicated} duplicated (${d.duplicateAnswers} extra answers); ${d.lost} lost`);
  }
  lines.push(`Web API calls: ${Object.entries(results.webApi).map(([method, n]) => `${method} ${n}`).join(', ')}`);
  lines.push(`load average ${results.machine.loadAverageAtStart.join(' ')} → ${results.machine.loadAverageAtEnd.join(' ')}`);
  return lines;
}
