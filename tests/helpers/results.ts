import { runText } from '../../src/commands/run-command.js';
import type { CommandResult } from '../../src/commands/results.js';
import type { PaperIndex } from '../../src/search/paper-index.js';
import type { Session } from '../../src/session/session.js';

export type ResultOf<K extends CommandResult['kind']> = Extract<CommandResult, { kind: K }>;

/** Narrows a result to the expected kind, failing with the whole result when it is another. */
export function expectKind<K extends CommandResult['kind']>(result: CommandResult, kind: K): ResultOf<K> {
  if (result.kind !== kind) {
    throw new Error(`expected a "${kind}" result, got: ${JSON.stringify(result, null, 2).slice(0, 1500)}`);
  }
  return result as ResultOf<K>;
}

/** One conversation: lines of chat text run against one index with one session, as the console chat does. */
export interface Conversation {
  session: Session;
  say(text: string): Promise<CommandResult>;
}

export function conversation(index: PaperIndex): Conversation {
  const session: Session = {};
  return { session, say: (text) => runText(text, { index, session }) };
}

/** Abstract text as quoted in snippets and answers: whitespace runs collapsed. */
export const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();
