import { LocalIndexService } from '../../src/app/local-index-service.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { Paperbot } from '../../src/app/paperbot.js';
import { parsePageRequest, runPage } from '../../src/commands/page.js';
import { runCommand } from '../../src/commands/run-command.js';
import type { PageRequest } from '../../src/commands/results.js';
import { ErrorCode, InvalidOptionError } from '../../src/errors.js';
import type { Logger } from '../../src/log/logger.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import { MemorySessionStore, type Session } from '../../src/session/session.js';
import { expectKind } from '../helpers/results.js';
import { EXAMPLE_QUESTION, seedIndex } from '../helpers/seed-index.js';
import { commandFixturePapers } from '../helpers/sources.js';

let index: PaperIndex;
beforeAll(async () => {
  ({ index } = await seedIndex());
});

const DAMAGED = 'This button is out of date or damaged; run the command again.';

/** A logger that records what it is given. */
function recordingLogger(): Logger & { records: Array<{ level: string; meta: Record<string, unknown>; message: string }> } {
  const records: Array<{ level: string; meta: Record<string, unknown>; message: string }> = [];
  const at = (level: string) => (meta: Record<string, unknown>, message: string) => void records.push({ level, meta, message });
  return { records, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('next: the page request a "More results" button carries', () => {
  it('is on a list with more to show, pointing at the next page', async () => {
    const list = expectKind(await runCommand('search', { query: 'diffusion', limit: 3 }, { index, session: {} }), 'list');
    expect(list.next).toEqual({ source: 'search', query: 'diffusion', offset: 3, limit: 3 });
  });

  it('is absent on the last page', async () => {
    const list = expectKind(await runCommand('papers', { offset: index.size - 2, limit: 5 }, { index, session: {} }), 'list');
    expect(list.hasMore).toBe(false);
    expect(list.next).toBeUndefined();
  });

  it('is on an answer that matched papers (the ranked list from the top), and absent when nothing matched', async () => {
    const found = expectKind(await runCommand('ask', { question: EXAMPLE_QUESTION }, { index, session: {} }), 'answer');
    expect(found.next).toEqual({ source: 'search', query: EXAMPLE_QUESTION, offset: 0, limit: 10 });
    const none = expectKind(await runCommand('ask', { question: 'zzzzqx wwwwqy' }, { index, session: {} }), 'answer');
    expect(none.answer.totalMatches).toBe(0);
    expect(none.next).toBeUndefined();
  });

  it('runs as the same page "more" gives', async () => {
    const session: Session = {};
    const first = expectKind(await runCommand('search', { query: 'diffusion sampling', limit: 4 }, { index, session }), 'list');
    const viaMore = expectKind(await runCommand('more', {}, { index, session }), 'list');
    const viaButton = await runPage(first.next!, new LocalIndexService(index), {});
    expect(viaButton.items.map((item) => [item.n, item.id])).toEqual(viaMore.items.map((item) => [item.n, item.id]));
  });
});

describe('search as people type it', () => {
  it('says what it searched for when it corrected a word', async () => {
    const list = expectKind(await runCommand('search', { query: 'difusion smapling', limit: 3 }, { index, session: {} }), 'list');
    expect(list.searchedFor).toBe('diffusion sampling');
    expect(list.total).toBeGreaterThan(0);
    expect(list.didYouMean).toBeUndefined();
  });

  it('finds the same papers for an acronym and its plural', async () => {
    const singular = expectKind(await runCommand('search', { query: 'LLM', limit: 10 }, { index, session: {} }), 'list');
    const plural = expectKind(await runCommand('search', { query: 'LLMs', limit: 10 }, { index, session: {} }), 'list');
    expect(singular.total).toBeGreaterThan(0);
    expect(plural.items.map((item) => item.id)).toEqual(singular.items.map((item) => item.id));
  });

  it('offers "did you mean" when nothing matches but a near word would', async () => {
    // A word typed with inner capitals is a name, never corrected on its own: it lands here.
    const list = expectKind(await runCommand('search', { query: 'DeepCashe', limit: 3 }, { index, session: {} }), 'list');
    expect(list.total).toBe(0);
    expect(list.didYouMean).toBe('deepcache');
  });
});

describe('parsePageRequest', () => {
  const valid: PageRequest = { source: 'similar', query: 'some-id', offset: 20, limit: 10 };

  it('accepts a well-formed request', async () => {
    expect(parsePageRequest(valid)).toEqual(valid);
    expect(parsePageRequest({ source: 'papers', query: '', offset: 0, limit: 50 })).toEqual({ source: 'papers', query: '', offset: 0, limit: 50 });
  });

  it.each([
    ['not an object', 'search diffusion'],
    ['null', null],
    ['an unknown source', { ...valid, source: 'answer' }],
    ['a negative offset', { ...valid, offset: -1 }],
    ['a huge offset', { ...valid, offset: 1_000_001 }],
    ['a fractional offset', { ...valid, offset: 1.5 }],
    ['a limit of 0', { ...valid, limit: 0 }],
    ['a limit over 50', { ...valid, limit: 51 }],
    ['a text offset', { ...valid, offset: '20' }],
    ['a query over 500 characters', { ...valid, source: 'search', query: 'x'.repeat(501) }],
    ['a missing field', { source: 'search', query: 'x', offset: 0 }],
  ])('rejects %s with one message, never the details', (_, value) => {
    expect(() => parsePageRequest(value)).toThrow(new InvalidOptionError(DAMAGED));
  });
});

describe('Paperbot (the core every front-end uses)', () => {
  it('keeps one session per conversation key', async () => {
    const bot = new Paperbot(index);
    const list = expectKind(await bot.runText('search diffusion --limit 2', 'slack:C1:t1'), 'list');
    expect(expectKind(await bot.runText('show 2', 'slack:C1:t1'), 'paper').paper.id).toBe(list.items[1]!.id);
    expect(await bot.runText('show 2', 'slack:C2:t9')).toMatchObject({ kind: 'error', code: ErrorCode.UnknownPaper });
    expect(await bot.runText('more', 'discord:G1:U1')).toMatchObject({ kind: 'error', code: ErrorCode.InvalidOption });
  });

  it('stores sessions in the store it is given', async () => {
    const sessions = new MemorySessionStore();
    const bot = new Paperbot(index, { sessions });
    await bot.run('papers', { limit: 2 }, 'k');
    expect((await sessions.get('k')).last).toMatchObject({ source: 'papers', nextOffset: 2, limit: 2 });
  });

  it('runs a command with structured options, validated like text', async () => {
    const bot = new Paperbot(index);
    expect(expectKind(await bot.run('search', { query: 'diffusion', limit: 2 }, 'k'), 'list').items).toHaveLength(2);
    expect(await bot.run('search', { query: 'diffusion', limit: 99 }, 'k')).toMatchObject({ kind: 'error', message: 'limit must be at most 50' });
  });

  it('runs a page from a button, and answers a damaged button with an error result', async () => {
    const bot = new Paperbot(index);
    const page = expectKind(await bot.runPage({ source: 'search', query: 'diffusion', offset: 10, limit: 5 }, 'k'), 'list');
    expect(page.items.map((item) => item.n)).toEqual([11, 12, 13, 14, 15]);
    expect(expectKind(await bot.runText('show 12', 'k'), 'paper').paper.id).toBe(page.items[1]!.id);
    expect(await bot.runPage({ source: 'search', query: 'diffusion', offset: -5, limit: 5 }, 'k')).toEqual({ kind: 'error', code: ErrorCode.InvalidOption, message: DAMAGED });
  });

  it('answers a button for a paper that left the corpus with an UnknownPaper error', async () => {
    const bot = new Paperbot(index);
    expect(await bot.runPage({ source: 'similar', query: 'no-such-paper', offset: 10, limit: 5 }, 'k')).toMatchObject({ kind: 'error', code: ErrorCode.UnknownPaper });
  });

  it('uses a replaced index for the questions after', async () => {
    const bot = new Paperbot(index);
    const small = PaperIndex.build(commandFixturePapers());
    bot.replaceIndex(small);
    expect((bot.index as LocalIndexService).index).toBe(small);
    expect(expectKind(await bot.run('papers', {}, 'k'), 'list').total).toBe(commandFixturePapers().length);
  });

  it('logs an unexpected failure in full, and shows the user only a generic message', async () => {
    const logger = recordingLogger();
    const broken = {
      search() {
        throw new Error('internal detail: index file /secret/path corrupt');
      },
    } as unknown as PaperIndex;
    const bot = new Paperbot(broken, { sessions: new MemorySessionStore(), logger });
    const result = await bot.runText('search diffusion', 'k');
    expect(result).toEqual({ kind: 'error', code: ErrorCode.Unknown, message: 'Something went wrong while answering. Please try again.' });
    expect(logger.records).toHaveLength(1);
    expect(logger.records[0]).toMatchObject({ level: 'error', message: 'command failed', meta: { command: 'search' } });
    expect((logger.records[0]!.meta.err as Error).message).toContain('corrupt');
  });
});
