import type { ChannelFeedback, ProfileSummary } from '../digest/channel-profile.js';
import type { Answer } from '../answer/answer-types.js';
import type { AnswerOptions, ArxivMatch, CompletionOptions, ExplainBasis, Explanation, IndexService, PageOptions, PaperPage, SearchOptions, SearchPage, SimilarOptions, SimilarPage } from '../app/index-service.js';
import type { ParsedFilters } from '../query/filters.js';
import type { CorpusSummary } from '../corpus/corpus-summary.js';
import type { Paper } from '../corpus/paper.js';
import { asCodedError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { Timers } from '../time/timers.js';
import type { IndexThread, SpawnThread } from './index-thread.js';
import type { IndexOp, WorkerMessage, WorkerRequest } from './protocol.js';
import { fromWire, indexUnavailable } from './wire-error.js';

/** How one corpus is served from threads. */
export interface IndexWorkersOptions {
  /** Threads, each holding the whole index. */
  threads: number;
  /** Threads may serve the corpus's previous snapshot when it changed since (start-up). Default false. */
  allowStale?: boolean;
  spawn: SpawnThread;
  /** A request not answered in this time fails, and its thread (presumed stuck) is restarted. */
  requestTimeoutMs: number;
  /** First wait before restarting a thread that died, doubled after each failed restart. */
  respawnDelayMs: number;
  /** Longest wait between restarts. */
  maxRespawnDelayMs: number;
  logger: Logger;
  timers: Timers;
  /** Called once, when these workers are closed. */
  onClose?: () => void;
}

/** A request on its way: queued for a thread, or posted to one. */
interface Pending {
  request: WorkerRequest;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: unknown;
  slot?: Slot;
}

/** A place for one thread: the thread in it is replaced when it dies. */
interface Slot {
  n: number;
  thread?: IndexThread;
  ready: boolean;
  inFlight: Map<number, Pending>;
  /** Restarts that failed in a row (the corpus no longer loads, the thread dies at once). */
  failures: number;
  respawnTimer?: unknown;
  /** Where the thread's messages and exit go once it is ready (set by {@link IndexWorkers.adopt}). */
  onMessage?: (message: WorkerMessage) => void;
  onExit?: (reason: string) => void;
}

/**
 * One corpus served by N worker threads, each holding its own index (an {@link IndexService}).
 * A request goes to the ready thread with the fewest requests in flight, or waits in a queue
 * while none is ready. A thread that dies fails its requests with `IndexUnavailable` (commands
 * turn that into an error result: "ask again") and is started again on the same corpus path; a
 * request not answered within `requestTimeoutMs` fails the same way and restarts its thread.
 *
 * The corpus never changes under an instance: a reload starts new workers
 * ({@link WorkerIndexPool.load}), and these are closed by {@link release} once unused.
 */
export class IndexWorkers implements IndexService {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  private constructor(
    private readonly corpusPath: string,
    readonly corpus: CorpusSummary,
    private readonly options: IndexWorkersOptions,
  ) {}

  /**
   * Loads the corpus in one thread first (reporting the corpus, or rejecting with its load
   * error), then in the others — after the first, a loader with a snapshot cache finds the
   * index ready — and resolves when every thread serves.
   */
  static async start(corpusPath: string, options: IndexWorkersOptions): Promise<IndexWorkers> {
    const threads = Math.max(1, Math.floor(options.threads));
    const firstSlot = newSlot(0);
    let corpus: CorpusSummary;
    try {
      corpus = await launch(corpusPath, firstSlot, options);
    } catch (error) {
      await terminateAll([firstSlot]);
      throw error;
    }
    const workers = new IndexWorkers(corpusPath, corpus, options);
    workers.adopt(firstSlot);
    const rest = Array.from({ length: threads - 1 }, (_, i) => newSlot(i + 1));
    try {
      await Promise.all(
        rest.map(async (slot) => {
          await launch(corpusPath, slot, options);
          workers.adopt(slot);
        }),
      );
    } catch (error) {
      await terminateAll(rest);
      await workers.close();
      throw error;
    }
    return workers;
  }

  get size(): number {
    return this.corpus.paperCount;
  }

  /** Threads now ready to answer. */
  get readyThreads(): number {
    return this.slots.filter((slot) => slot.ready).length;
  }

  get(id: string): Promise<Paper | undefined> {
    return this.call('get', [id]);
  }

  getMany(ids: readonly string[]): Promise<Array<Paper | undefined>> {
    return this.call('getMany', [ids]);
  }

  search(query: string, page: SearchOptions): Promise<SearchPage> {
    return this.call('search', [query, page]);
  }

  similar(id: string, page: SimilarOptions): Promise<SimilarPage> {
    return this.call('similar', [id, page]);
  }

  recent(page: PageOptions): Promise<PaperPage> {
    return this.call('recent', [page]);
  }

  answer(question: string, options?: AnswerOptions): Promise<Answer> {
    return this.call('answer', options ? [question, options] : [question]);
  }

  understandFilters(text: string, now: number): Promise<ParsedFilters> {
    return this.call('understandFilters', [text, now]);
  }

  explain(id: string, basis: ExplainBasis): Promise<Explanation> {
    return this.call('explain', [id, basis]);
  }

  digestPapers(posted: readonly string[], count: number, topic?: string, feedback?: ChannelFeedback): Promise<Paper[]> {
    // Trailing undefined arguments are left out, so a worker sees the call as it was made.
    const args: unknown[] = [posted, count, topic, feedback];
    while (args.length > 2 && args[args.length - 1] === undefined) args.pop();
    return this.call('digestPapers', args);
  }

  digestProfile(feedback: ChannelFeedback, limit?: number): Promise<ProfileSummary> {
    return this.call('digestProfile', limit === undefined ? [feedback] : [feedback, limit]);
  }

  findArxiv(arxivId: string): Promise<ArxivMatch | undefined> {
    return this.call('findArxiv', [arxivId]);
  }

  completePapers(typed: string, options: CompletionOptions): Promise<Paper[]> {
    return this.call('completePapers', [typed, options]);
  }

  release(): void {
    void this.close();
  }

  /** Ends every thread; requests still waiting fail with `IndexUnavailable`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const shutDown = () => indexUnavailable('The search index was shut down before it answered; please ask again.');
    for (const pending of this.queue.splice(0)) this.settle(pending, shutDown());
    for (const slot of this.slots) {
      if (slot.respawnTimer !== undefined) this.options.timers.clearTimeout(slot.respawnTimer);
      for (const pending of [...slot.inFlight.values()]) this.settle(pending, shutDown());
    }
    this.options.onClose?.();
    await terminateAll(this.slots);
  }

  private call<T>(op: IndexOp, args: unknown[]): Promise<T> {
    if (this.closed) return Promise.reject(indexUnavailable('The search index was shut down; please ask again.'));
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { request: { id: this.nextId++, op, args }, resolve: resolve as (value: unknown) => void, reject, timer: undefined };
      pending.timer = this.options.timers.setTimeout(() => this.timeOut(pending), this.options.requestTimeoutMs);
      const slot = this.leastBusy();
      if (slot) this.send(slot, pending);
      else this.queue.push(pending);
    });
  }

  private leastBusy(): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of this.slots) if (slot.ready && (!best || slot.inFlight.size < best.inFlight.size)) best = slot;
    return best;
  }

  private send(slot: Slot, pending: Pending): void {
    pending.slot = slot;
    slot.inFlight.set(pending.request.id, pending);
    try {
      slot.thread!.post(pending.request);
    } catch (error) {
      // A request that cannot be cloned is the caller's bug, not the thread's.
      this.settle(pending, asCodedError(error));
    }
  }

  /** Resolves or rejects a request once, wherever it waits. */
  private settle(pending: Pending, error: Error | undefined, value?: unknown): void {
    this.options.timers.clearTimeout(pending.timer);
    if (pending.slot) pending.slot.inFlight.delete(pending.request.id);
    else {
      const at = this.queue.indexOf(pending);
      if (at >= 0) this.queue.splice(at, 1);
    }
    if (error) pending.reject(error);
    else pending.resolve(value);
  }

  private timeOut(pending: Pending): void {
    const slot = pending.slot;
    const seconds = this.options.requestTimeoutMs / 1000;
    this.settle(pending, indexUnavailable(`The search index did not answer within ${seconds} s; please ask again.`));
    if (slot && !this.closed) {
      this.options.logger.error({ corpus: this.corpusPath, thread: slot.n, op: pending.request.op }, `index worker did not answer within ${seconds} s; restarting it`);
      this.restart(slot);
    }
  }

  /** Adds a slot whose thread is ready (from {@link start}) and wires its later life. */
  private adopt(slot: Slot): void {
    this.slots.push(slot);
    slot.onMessage = (message) => this.onMessage(slot, message);
    slot.onExit = (reason) => this.onExit(slot, reason);
    this.drainQueue();
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.kind !== 'reply') return;
    const pending = slot.inFlight.get(message.id);
    // A reply after its request timed out: already answered with an error.
    if (!pending) return;
    if (message.ok) this.settle(pending, undefined, message.value);
    else this.settle(pending, fromWire(message.error));
  }

  private onExit(slot: Slot, reason: string): void {
    if (this.closed) return;
    this.options.logger.error({ corpus: this.corpusPath, thread: slot.n, reason, inFlight: slot.inFlight.size }, `index worker stopped (${reason}); restarting it`);
    this.fail(slot, 'The search worker stopped before it answered (it is restarting); please ask again.');
    this.respawn(slot);
  }

  /** Ends a thread presumed stuck, fails its requests, and starts another. */
  private restart(slot: Slot): void {
    const thread = slot.thread;
    slot.thread = undefined;
    slot.ready = false;
    void thread?.terminate().catch(() => undefined);
    this.fail(slot, 'The search worker was restarted before it answered; please ask again.');
    this.respawn(slot);
  }

  private fail(slot: Slot, message: string): void {
    slot.ready = false;
    slot.thread = undefined;
    for (const pending of [...slot.inFlight.values()]) this.settle(pending, indexUnavailable(message));
  }

  private respawn(slot: Slot): void {
    if (this.closed || slot.respawnTimer !== undefined) return;
    const delay = Math.min(this.options.maxRespawnDelayMs, this.options.respawnDelayMs * 2 ** slot.failures);
    slot.respawnTimer = this.options.timers.setTimeout(() => {
      slot.respawnTimer = undefined;
      if (this.closed) return;
      launch(this.corpusPath, slot, this.options).then(
        () => {
          slot.failures = 0;
          if (this.closed) {
            void terminateAll([slot]);
            return;
          }
          this.options.logger.info({ corpus: this.corpusPath, thread: slot.n }, 'index worker restarted');
          this.drainQueue();
        },
        (error: unknown) => {
          slot.failures += 1;
          this.options.logger.error({ corpus: this.corpusPath, thread: slot.n, err: error, failures: slot.failures }, 'index worker could not restart');
          this.respawn(slot);
        },
      );
    }, delay);
  }

  private drainQueue(): void {
    while (this.queue.length > 0) {
      const slot = this.leastBusy();
      if (!slot) return;
      const pending = this.queue.shift()!;
      this.send(slot, pending);
    }
  }
}

function newSlot(n: number): Slot {
  return { n, ready: false, inFlight: new Map(), failures: 0 };
}

/**
 * Starts a thread in a slot and resolves with its corpus summary once it is ready; rejects with
 * the corpus's load error, or `IndexUnavailable` when the thread dies first. Events of a thread
 * no longer in its slot (replaced, terminated) are ignored.
 */
function launch(corpusPath: string, slot: Slot, options: IndexWorkersOptions): Promise<CorpusSummary> {
  return new Promise<CorpusSummary>((resolve, reject) => {
    let loading = true;
    let thread: IndexThread | undefined;
    const current = () => thread !== undefined && slot.thread === thread;
    try {
      thread = options.spawn(
        options.allowStale ? { corpusPath, allowStale: true } : { corpusPath },
        {
          message(message) {
            if (!current()) return;
            if (!loading) return slot.onMessage?.(message);
            if (message.kind === 'ready') {
              loading = false;
              slot.ready = true;
              resolve(message.summary);
            } else if (message.kind === 'failed') {
              loading = false;
              slot.thread = undefined;
              void thread!.terminate().catch(() => undefined);
              reject(fromWire(message.error));
            }
          },
          exit(reason) {
            if (!current()) return;
            if (!loading) return slot.onExit?.(reason);
            loading = false;
            slot.thread = undefined;
            reject(indexUnavailable(`The index worker stopped while loading the corpus (${reason}).`));
          },
        },
      );
    } catch (error) {
      reject(asCodedError(error));
      return;
    }
    slot.thread = thread;
  });
}

async function terminateAll(slots: readonly Slot[]): Promise<void> {
  const threads = slots.map((slot) => slot.thread).filter((thread) => thread !== undefined);
  for (const slot of slots) {
    slot.thread = undefined;
    slot.ready = false;
  }
  await Promise.all(threads.map((thread) => thread.terminate().catch(() => undefined)));
}
