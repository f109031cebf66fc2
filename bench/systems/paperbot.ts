import { answer } from '../../src/answer/answer.js';
import type { Paper } from '../../src/corpus/paper.js';
import { buildIndex, THREADED_BUILD_MIN_PAPERS } from '../../src/app/load-index.js';
import { defaultWorkerCount } from '../../src/workers/index-thread.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import { loadPaperIndexSnapshot, savePaperIndexSnapshot, SNAPSHOT_FORMAT } from './paperbot-snapshot.js';
import type { BenchSystem } from './system.js';

/** paperbot itself: `buildIndex` (as `loadIndex` builds), `index.search`, `answer(index, q)`, and its snapshot. */
export function paperbotSystem(): BenchSystem {
  let index: PaperIndex | undefined;
  const built = (): PaperIndex => {
    if (!index) throw new Error('paperbot: search before build');
    return index;
  };
  // Load the language model before anything is timed: it is a start-up cost, not an index build.
  PaperIndex.build([{ id: 'warm', title: 'warm up', abstract: 'Warm up the analyzer.', links: [], sources: [] }]).search('warm');
  return {
    name: 'paperbot',
    config: `PaperIndex with default ranking options, built as the bot builds it (analysis in ${defaultWorkerCount()} thread(s) from ${THREADED_BUILD_MIN_PAPERS} papers on); answer() with default limits`,
    async build(papers: readonly Paper[]) {
      index = await buildIndex(papers);
    },
    search(question, limit) {
      return built().search(question, { limit });
    },
    answer(question) {
      return answer(built(), question);
    },
    snapshot: {
      format: SNAPSHOT_FORMAT,
      save: (path) => savePaperIndexSnapshot(built(), path),
      async load(path) {
        index = await loadPaperIndexSnapshot(path);
      },
    },
  };
}
