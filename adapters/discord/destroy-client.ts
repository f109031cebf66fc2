import type { Client } from 'discord.js';

/** The parts of @discordjs/ws a destroy has to reach (not public API; checked at run time). */
interface ReachableShard {
  internalConnect?: () => Promise<void>;
}

/**
 * Destroys a discord.js client for good. @discordjs/ws 1.2 reconnects a shard whose gateway
 * refuses the connection after a 500 ms pause; a `destroy()` that lands in that pause finds the
 * shard idle, returns, and the shard connects again anyway, every 0.5 s, forever (it also keeps
 * the process alive). The shards are taken before the destroy and their next connect is made a
 * no-op, which ends that loop.
 */
export async function destroyClient(client: Client): Promise<void> {
  const strategy = (client.ws as unknown as { _ws?: { strategy?: { shards?: Map<number, ReachableShard> } } })._ws?.strategy;
  const shards = strategy?.shards instanceof Map ? [...strategy.shards.values()] : [];
  for (const shard of shards) {
    if (typeof shard.internalConnect === 'function') shard.internalConnect = async () => {};
  }
  await client.destroy();
}
