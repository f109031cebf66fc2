/**
 * Title normalisation for duplicate detection: two listings of the same paper differ in case,
 * spacing, quotes, dashes and compatibility characters, never in words.
 */

/**
 * Normalises a title to its comparison key: NFKC, lower case, apostrophes dropped,
 * other punctuation and symbols turned into spaces, whitespace collapsed and trimmed.
 * `"Diffusion Models' Latent Space"` and `"diffusion models latent  space"` give the same key.
 */
export function normaliseTitle(title: string): string {
  return (
    title
      .normalize('NFKC')
      .toLowerCase()
      // Dropped rather than spaced, so "don't" and "dont" agree.
      .replace(/['\u2018\u2019\u02bc`]/gu, '')
      .replace(/[\p{P}\p{S}]+/gu, ' ')
      .replace(/\s+/gu, ' ')
      .trim()
  );
}
