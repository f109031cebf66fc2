import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Global setup: index snapshots of the test run go to a temp directory (workers inherit
 * PAPERBOT_CACHE_DIR), never to the real ~/.cache, and are deleted at the end; so does the default
 * store (DATA_DIR), never the real ~/.local/share. Spawned CLIs get their own under their temp
 * XDG_CACHE_HOME and XDG_DATA_HOME (tests/helpers/cli.ts drops both variables).
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'paperbot-test-snapshots-'));
  const data = mkdtempSync(join(tmpdir(), 'paperbot-test-data-'));
  process.env.PAPERBOT_CACHE_DIR = dir;
  process.env.DATA_DIR = data;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  };
}
