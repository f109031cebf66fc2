import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMAND_ALIASES, COMMANDS, commandShape, findCommand } from '../src/commands/registry.js';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** Every .ts file under a directory, recursively. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(c|m)?[jt]sx?$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Module specifiers of platform SDKs a source text loads: static imports and re-exports
 * (`from '…'`), side-effect imports (`import '…'`), dynamic `import('…')` and `require('…')`.
 */
function platformImports(text: string): string[] {
  const specifier = String.raw`(['"\x60])((?:@slack\/[^'"\x60]*)|(?:discord\.js(?:\/[^'"\x60]*)?))\1`;
  const patterns = [
    new RegExp(String.raw`\bfrom\s*` + specifier, 'g'),
    new RegExp(String.raw`\bimport\s*` + specifier, 'g'),
    new RegExp(String.raw`\bimport\s*\(\s*` + specifier, 'g'),
    new RegExp(String.raw`\brequire\s*\(\s*` + specifier, 'g'),
  ];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[2]!));
}

describe('platform independence of src/', () => {
  it('the import scanner finds every form of import of @slack/* and discord.js (and nothing else)', () => {
    const sample = [
      "import { App } from '@slack/bolt';",
      'import type { Client } from "discord.js";',
      "export * from '@slack/web-api';",
      "import '@slack/socket-mode';",
      'const d = await import("discord.js");',
      'const w = await import( `@slack/types` );',
      "const r = require('discord.js/typings');",
      "import { z } from 'zod';",
      '// Slack and Discord render the same results; see @slack/bolt docs.',
      "const text = 'discord.js is not imported here';",
    ].join('\n');
    expect(platformImports(sample).sort()).toEqual(
      ['@slack/bolt', '@slack/socket-mode', '@slack/types', '@slack/web-api', 'discord.js', 'discord.js', 'discord.js/typings'].sort(),
    );
  });

  it('no file under src/ imports @slack/* or discord.js', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.flatMap((file) =>
      platformImports(readFileSync(file, 'utf8')).map((name) => `${relative(SRC, file)} imports ${name}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe('the command registry', () => {
  it('has every command satisfying commandShape', () => {
    for (const command of COMMANDS) {
      const parsed = commandShape.safeParse(command);
      expect(parsed.success ? [] : parsed.error.issues, `command "${command.name}"`).toEqual([]);
    }
  });

  it('has unique command names', () => {
    const names = COMMANDS.map((command) => command.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(['ask', 'search', 'show', 'similar', 'why', 'link', 'more', 'papers', 'digest', 'help']);
  });

  it('keeps summaries at most 100 characters, at most 25 options, option descriptions at most 100 characters (Discord limits)', () => {
    for (const command of COMMANDS) {
      expect(command.summary.length, command.name).toBeLessThanOrEqual(100);
      expect(command.options.length, command.name).toBeLessThanOrEqual(25);
      for (const option of command.options) expect(option.description.length, `${command.name} --${option.name}`).toBeLessThanOrEqual(100);
    }
  });

  it('has unique option names per command and at most one option taking the rest of the text', () => {
    for (const command of COMMANDS) {
      const names = command.options.map((option) => option.name);
      expect(new Set(names).size, command.name).toBe(names.length);
      expect(command.options.filter((option) => option.rest).length, command.name).toBeLessThanOrEqual(1);
    }
  });

  it('starts every usage line with the command name', () => {
    for (const command of COMMANDS) expect(command.usage.split(' ')[0]).toBe(command.name);
  });

  it('rejects a command that breaks the shape (the check is not vacuous)', () => {
    const ask = COMMANDS[0]!;
    expect(commandShape.safeParse({ ...ask, name: 'Ask Me' }).success).toBe(false);
    expect(commandShape.safeParse({ ...ask, summary: 'x'.repeat(101) }).success).toBe(false);
    expect(commandShape.safeParse({ ...ask, options: [{ name: 'q', description: 'd'.repeat(101) }] }).success).toBe(false);
    expect(commandShape.safeParse({ ...ask, options: Array.from({ length: 26 }, (_, i) => ({ name: 'o' + 'x'.repeat(i), description: 'd' })) }).success).toBe(false);
  });

  it('maps every alias to an existing command, and no alias hides a command name', () => {
    for (const [alias, target] of Object.entries(COMMAND_ALIASES)) {
      expect(findCommand(alias)?.name, alias).toBe(target);
      expect(COMMANDS.some((command) => command.name === alias), alias).toBe(false);
    }
    expect(findCommand('next')?.name).toBe('more');
    expect(findCommand('nosuch')).toBeUndefined();
  });
});
