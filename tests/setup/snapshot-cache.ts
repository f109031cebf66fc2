import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Global setup: index snapshots of the test run go to a temp directory (workers inherit
 * PAPERBOT_CACHE_DIR), never to the real ~/.cache, and are deleted at the end. Spawned CLIs get
 * their own under their temp XDG_CACHE_HOME (tests/helpers/cli.ts drops this variable).
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'paperbot-test-snapshots-'));
  process.env.PAPERBOT_CACHE_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
