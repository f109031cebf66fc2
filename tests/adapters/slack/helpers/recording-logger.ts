import type { Logger } from '../../../../src/log/logger.js';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  meta: Record<string, unknown>;
  message: string;
}

/** A {@link Logger} that keeps every entry, for asserting what was (and was not) logged. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  debug(meta: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'debug', meta, message });
  }
  info(meta: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'info', meta, message });
  }
  warn(meta: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'warn', meta, message });
  }
  error(meta: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'error', meta, message });
  }

  /** Everything logged, as one string (for "never contains" checks). */
  dump(): string {
    return JSON.stringify(this.entries);
  }

  at(level: LogEntry['level']): LogEntry[] {
    return this.entries.filter((entry) => entry.level === level);
  }
}
