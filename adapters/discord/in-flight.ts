/**
 * The work a handler has started and not finished, so a test or a clean shutdown can wait for
 * all of it (`idle`), including work started while waiting.
 */
export class InFlight {
  private readonly running = new Set<Promise<void>>();

  /** Tracks `work` until it settles, and returns it. */
  track(work: Promise<void>): Promise<void> {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
    return work;
  }

  /** Resolves once nothing is running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
