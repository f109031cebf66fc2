import type { APIEmbed } from 'discord.js';

/**
 * Discord's size limits for what paperbot sends. Discord rejects a whole message (400) when any
 * one is exceeded, so renderers trim to these and {@link messageProblems} checks the result.
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer and author of all embeds together. */
  embedsTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** The characters of an embed that count towards {@link DISCORD_LIMITS.embedsTotal}. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** A message as paperbot sends it (the JSON body of a reply, an edit or a follow-up). */
export interface OutgoingMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: Array<{ type: number; components: Array<{ type: number; label?: string; custom_id?: string }> }>;
}

/** Every way `message` breaks a Discord limit; empty when Discord will accept it. */
export function messageProblems(message: OutgoingMessage): string[] {
  const L = DISCORD_LIMITS;
  const problems: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what} is ${length} characters (max ${max})`);
  };
  over('content', message.content?.length ?? 0, L.content);
  const embeds = message.embeds ?? [];
  if (embeds.length > L.embedsPerMessage) problems.push(`${embeds.length} embeds (max ${L.embedsPerMessage})`);
  embeds.forEach((embed, i) => {
    over(`embed ${i} title`, embed.title?.length ?? 0, L.embedTitle);
    over(`embed ${i} description`, embed.description?.length ?? 0, L.embedDescription);
    over(`embed ${i} footer`, embed.footer?.text.length ?? 0, L.footer);
    over(`embed ${i} author`, embed.author?.name.length ?? 0, L.authorName);
    const fields = embed.fields ?? [];
    if (fields.length > L.embedFields) problems.push(`embed ${i} has ${fields.length} fields (max ${L.embedFields})`);
    fields.forEach((field, j) => {
      over(`embed ${i} field ${j} name`, field.name.length, L.fieldName);
      over(`embed ${i} field ${j} value`, field.value.length, L.fieldValue);
      if (field.name.length === 0 || field.value.length === 0) problems.push(`embed ${i} field ${j} is empty`);
    });
  });
  over('all embeds together', embeds.reduce((sum, embed) => sum + embedLength(embed), 0), L.embedsTotal);
  const rows = message.components ?? [];
  if (rows.length > L.actionRows) problems.push(`${rows.length} action rows (max ${L.actionRows})`);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    if (row.components.length > L.buttonsPerRow) problems.push(`row ${i} has ${row.components.length} buttons (max ${L.buttonsPerRow})`);
    for (const button of row.components) {
      over(`button "${button.label}" label`, button.label?.length ?? 0, L.buttonLabel);
      if (button.custom_id !== undefined) {
        over(`custom_id "${button.custom_id}"`, button.custom_id.length, L.customId);
        if (ids.has(button.custom_id)) problems.push(`custom_id "${button.custom_id}" is used twice`);
        ids.add(button.custom_id);
      }
    }
  });
  return problems;
}
