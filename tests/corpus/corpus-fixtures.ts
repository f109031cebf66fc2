import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** The real seed corpus, never modified. */
export const SEEDS_DIR = new URL('../../seeds/', import.meta.url).pathname;
export const DAILY_SEED = '000_bfe9ed5a3d2a194a.txt';
export const SEARCH_SEED = '001_67224b9566e76634.txt';

/** An abstract-length line (over 30 words) about `subject`, distinct per subject. */
export function abstractAbout(subject: string): string {
  return (
    `We study ${subject} in depth. Our method improves the quality and speed of sampling on ` +
    `several public benchmarks while using less memory than prior work, and we release the code ` +
    `so that others can build on ${subject} in their own research.`
  );
}

/** About `chars` characters of distinct sentences, each 80 to 90 characters long. */
export function longAbstract(chars: number): string {
  const sentences: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const sentence = `Sentence ${i} shows that our solver speeds up diffusion sampling on image benchmarks.`;
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  return sentences.join(' ');
}

/** A JSON-lines record with a title and a generated abstract, plus `extra` fields. */
export function recordLine(title: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ title, abstract: abstractAbout(title), ...extra });
}

const created: string[] = [];

/** A fresh temp directory holding `files` (name → content), removed after the test. */
export async function tempCorpus(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'paperbot-corpus-'));
  created.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
