import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../src/config/env.js';
import { REPO_ROOT } from '../helpers/cli.js';

/**
 * The deployment files hold what docs/deploy.md promises. Docker is not available where the tests
 * run, so these read the files as text (statically validated besides with `docker-compose config`,
 * `dockerfilelint` and `systemd-analyze verify`; see docs/dev/README.md).
 */

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');

/** `key=value` lines of a systemd unit, by section. */
function unitSections(text: string): Record<string, Array<[string, string]>> {
  const sections: Record<string, Array<[string, string]>> = {};
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      current = header[1]!;
      sections[current] = [];
      continue;
    }
    const eq = line.indexOf('=');
    sections[current]!.push([line.slice(0, eq), line.slice(eq + 1)]);
  }
  return sections;
}

describe('Dockerfile', () => {
  const lines = read('Dockerfile')
    .split('\n')
    .filter((line) => line.trim() && !line.trim().startsWith('#'));
  const froms = lines.filter((line) => line.startsWith('FROM '));

  it('builds in one stage (compilers, dev dependencies) and runs from a clean node:20-bookworm-slim one', () => {
    expect(froms).toEqual(['FROM node:20-bookworm-slim AS build', 'FROM node:20-bookworm-slim AS runtime']);
    const build = lines.slice(0, lines.indexOf(froms[1]!)).join('\n');
    expect(build).toMatch(/python3 make g\+\+/);
    expect(build).toMatch(/npm ci/);
    expect(build).toMatch(/npm rebuild better-sqlite3/);
    expect(build).toMatch(/npm run build/);
    expect(build).toMatch(/npm prune --omit=dev/);
  });

  it('runs as the unprivileged node user, node itself in exec form (SIGTERM reaches it), data in /data', () => {
    const runtime = lines.slice(lines.indexOf(froms[1]!));
    expect(runtime.filter((line) => line.startsWith('USER '))).toEqual(['USER node']);
    expect(runtime.at(-1)).toBe('CMD ["node", "dist/adapters/main.js"]');
    expect(runtime.join('\n')).toMatch(/COPY .*seeds \.\/seeds/);
    expect(runtime.join('\n')).toMatch(/DATA_DIR=\/data/);
  });
});

describe('compose.yaml', () => {
  const text = read('compose.yaml');

  it('runs the bot and PostgreSQL 16 (healthchecked, on a volume), both restarting unless stopped', () => {
    expect(text).toMatch(/^ {2}bot:\n {4}build: \.$/m);
    expect(text).toMatch(/^ {4}image: postgres:16$/m);
    expect(text).toMatch(/^ {6}- postgres-data:\/var\/lib\/postgresql\/data$/m);
    expect(text).toMatch(/pg_isready/);
    expect(text.match(/^ {4}restart: unless-stopped$/gm)).toHaveLength(2);
    expect(text).toMatch(/condition: service_healthy/);
    expect(text).toMatch(/^ {4}env_file: \.env$/m);
  });

  it('wires DATABASE_URL to the db service, with the password from .env only', () => {
    expect(text).toMatch(/DATABASE_URL: postgres:\/\/paperbot:\$\{POSTGRES_PASSWORD:\?[^}]*\}@db:5432\/paperbot/);
    expect(text).not.toMatch(/POSTGRES_PASSWORD: (?!\$\{)/);
  });
});

describe('deploy/paperbot.service', () => {
  const unit = unitSections(read('deploy/paperbot.service'));
  const service = Object.fromEntries(unit.Service!.map(([key, value]) => [key, value]));
  const environment = unit.Service!.filter(([key]) => key === 'Environment').map(([, value]) => value);

  it('restarts on failure, stops with SIGTERM, runs as a dynamic user with its state directory as DATA_DIR', () => {
    expect(service).toMatchObject({ Restart: 'on-failure', DynamicUser: 'yes', StateDirectory: 'paperbot', KillSignal: 'SIGTERM', EnvironmentFile: '/etc/paperbot/paperbot.env' });
    expect(environment).toContain('DATA_DIR=%S/paperbot');
    expect(service.ExecStart).toMatch(/ \/opt\/paperbot\/dist\/adapters\/main\.js$/);
    expect(unit.Install).toEqual([['WantedBy', 'multi-user.target']]);
  });

  it('sets only variables paperbot reads', () => {
    const known = new Set([...Object.keys(envSchema.shape), 'NODE_ENV']);
    for (const assignment of environment) expect(known).toContain(assignment.split('=')[0]);
  });
});
