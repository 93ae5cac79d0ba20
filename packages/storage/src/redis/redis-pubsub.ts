/**
 * The change bus over Redis pub/sub. A subscribing connection can do nothing else, so the bus
 * holds two: one to publish, one (opened on the first subscribe) to listen.
 */
import type Redis from 'ioredis';
import type { ChangeBus, ChangeMessage } from '../change-bus';
import { closeRedis, DEFAULT_KEY_PREFIX, redisError } from './redis-connection';

export class RedisChangeBus implements ChangeBus {
  private subscriber: Redis | undefined;
  private readonly listeners = new Map<string, Set<(message: ChangeMessage) => void>>();
  private readonly prefix: string;

  constructor(
    private readonly publisher: Redis,
    options: { keyPrefix?: string } = {},
  ) {
    this.prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  }

  async publish(channel: string, message: ChangeMessage): Promise<void> {
    try {
      await this.publisher.publish(this.prefix + channel, JSON.stringify(message));
    } catch (e) {
      throw redisError(e);
    }
  }

  async subscribe(channel: string, listener: (message: ChangeMessage) => void): Promise<() => Promise<void>> {
    const sub = await this.listen();
    const name = this.prefix + channel;
    let set = this.listeners.get(name);
    if (!set) {
      this.listeners.set(name, (set = new Set()));
      try {
        await sub.subscribe(name);
      } catch (e) {
        this.listeners.delete(name);
        throw redisError(e);
      }
    }
    const own = (m: ChangeMessage) => listener(m);
    set.add(own);
    return async () => {
      set.delete(own);
      if (set.size === 0 && this.listeners.get(name) === set) {
        this.listeners.delete(name);
        await sub.unsubscribe(name).catch(() => undefined);
      }
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.all([closeRedis(this.publisher), this.subscriber && closeRedis(this.subscriber)]);
  }

  private async listen(): Promise<Redis> {
    if (!this.subscriber) {
      const sub = this.publisher.duplicate();
      sub.on('error', () => undefined);
      sub.on('message', (channel: string, text: string) => {
        let message: ChangeMessage;
        try {
          message = JSON.parse(text) as ChangeMessage;
        } catch {
          return; // not one of ours
        }
        for (const l of [...(this.listeners.get(channel) ?? [])]) l(message);
      });
      this.subscriber = sub;
    }
    return this.subscriber;
  }
}
