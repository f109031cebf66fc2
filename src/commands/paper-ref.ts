import { UnknownPaperError } from '../errors.js';
import type { IndexService } from '../app/index-service.js';
import type { Session } from '../session/session.js';

/**
 * Resolves what a user typed to a paper id: a number from the last result ("2", "[2]"),
 * else a paper id. Numbers win, since that is what users see next to each paper.
 */
export async function resolvePaperRef(ref: string, index: IndexService, session: Session): Promise<string> {
  if (/^\d+$/.test(ref)) {
    const id = session.last?.numbers[Number(ref)];
    if (id !== undefined && (await index.get(id))) return id;
  }
  if (await index.get(ref)) return ref;
  throw new UnknownPaperError(ref);
}
