import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMAND } from '../../../adapters/slack/handlers/slash-command.js';

/**
 * The manifest creates the app in one step with exactly what the adapter listens for. (No YAML
 * parser is installed: these checks read its lines, ignoring comments.)
 */
const manifest = readFileSync(fileURLToPath(new URL('../../../adapters/slack/manifest.yml', import.meta.url)), 'utf8');
const lines = manifest.split('\n').map((line) => line.replace(/\s+#.*$/, '').replace(/^\s*#.*$/, '')).filter((line) => line.trim());

/** The `- item` lines of the block under a `key:` line. */
function listUnder(key: string): string[] {
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  expect(start, `${key}: in the manifest`).toBeGreaterThanOrEqual(0);
  const indent = lines[start]!.search(/\S/);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.search(/\S/) <= indent) break;
    const item = /^\s*- (.+)$/.exec(line);
    if (item) items.push(item[1]!.trim());
  }
  return items;
}

const setting = (key: string): string | undefined => lines.map((line) => new RegExp(`^\\s*${key}: (.+)$`).exec(line)?.[1]).find(Boolean)?.trim();

describe('adapters/slack/manifest.yml', () => {
  it('asks for the bot scopes the adapter uses, and no others', () => {
    expect(listUnder('bot').sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'groups:history', 'im:history', 'im:read', 'im:write', 'links:read', 'links:write']);
  });

  it('subscribes to mentions, DMs, paper links, and channel messages (answered only as follow-ups in its own threads)', () => {
    expect(listUnder('bot_events').sort()).toEqual(['app_mention', 'link_shared', 'message.channels', 'message.groups', 'message.im']);
  });

  it('unfurls links to arXiv and Hugging Face', () => {
    expect(listUnder('unfurl_domains').sort()).toEqual(['arxiv.org', 'huggingface.co']);
  });

  it('creates the slash command the adapter registers', () => {
    expect(setting('- command')).toBe(SLASH_COMMAND);
  });

  it('turns on interactivity (buttons), Socket Mode and the DM tab', () => {
    expect(manifest).toMatch(/interactivity:\n(?:\s+#.*\n)*\s+is_enabled: true/);
    expect(setting('socket_mode_enabled')).toBe('true');
    expect(setting('messages_tab_enabled')).toBe('true');
    expect(setting('messages_tab_read_only_enabled')).toBe('false');
  });

  it('is plain YAML: spaces only, no tabs', () => {
    expect(manifest).not.toContain('\t');
  });
});
