import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where paperbot keeps its data (the SQLite store) when DATABASE_URL does not say: `DATA_DIR`,
 * else the platform's per-user data directory — never `./data` under whatever directory the
 * process happens to start in (a service, a cron job and a shell would each get their own store).
 * - Linux and others: `$XDG_DATA_HOME/paperbot`, else `~/.local/share/paperbot`;
 * - macOS: `~/Library/Application Support/paperbot`;
 * - Windows: `%APPDATA%\paperbot`.
 * A relative DATA_DIR is taken from the working directory.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.DATA_DIR) return resolve(env.DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'paperbot');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'paperbot');
  // The XDG spec: a relative XDG_DATA_HOME is invalid and ignored.
  const xdg = env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(xdg, 'paperbot');
}

/** The SQLite file used when DATABASE_URL is not set. */
export const DEFAULT_SQLITE_FILE = 'paperbot.db';
