import type { ChildProcess } from 'node:child_process';
import type { ChildMessage, ParentMessage } from './load-protocol.js';

/** The bot's process, with a way to ask it things. */
export class BotChild {
  private readonly listeners = new Set<(message: ChildMessage) => void>();
  failure: string | undefined;

  constructor(readonly process: ChildProcess) {
    process.on('message', (message: ChildMessage) => {
      if (message.kind === 'failed') this.failure = message.message;
      for (const listener of [...this.listeners]) listener(message);
    });
  }

  send(message: ParentMessage): void {
    this.process.send(message);
  }

  on(listener: (message: ChildMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next message of a kind, or an error when the child fails or exits first, or after `timeoutMs`. */
  next<K extends ChildMessage['kind']>(kind: K, timeoutMs: number): Promise<Extract<ChildMessage, { kind: K }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`load: the bot sent no "${kind}" within ${timeoutMs / 1000} s`)), timeoutMs);
      const onExit = (code: number | null): void => finish(new Error(`load: the bot exited (code ${code}) before "${kind}"${this.failure ? `: ${this.failure}` : ''}`));
      const off = this.on((message) => {
        if (message.kind === kind) finish(undefined, message as Extract<ChildMessage, { kind: K }>);
        else if (message.kind === 'failed') finish(new Error(`load: the bot failed: ${message.message}`));
      });
      const finish = (error?: Error, message?: Extract<ChildMessage, { kind: K }>): void => {
        clearTimeout(timer);
        off();
        this.process.off('exit', onExit);
        if (error) reject(error);
        else resolve(message!);
      };
      this.process.once('exit', onExit);
    });
  }
}
