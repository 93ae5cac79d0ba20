/** The change bus of one process (no Redis): subscribers of a channel are called in turn. */
import type { ChangeBus, ChangeMessage } from '../change-bus';

export class MemoryChangeBus implements ChangeBus {
  private readonly channels = new Map<string, Set<(message: ChangeMessage) => void>>();

  async publish(channel: string, message: ChangeMessage): Promise<void> {
    // A copy through JSON, as over Redis: listeners never share the publisher's object.
    const text = JSON.stringify(message);
    for (const listener of [...(this.channels.get(channel) ?? [])]) {
      // Delivered after the publisher's turn, as a network bus would.
      queueMicrotask(() => listener(JSON.parse(text) as ChangeMessage));
    }
  }

  async subscribe(channel: string, listener: (message: ChangeMessage) => void): Promise<() => Promise<void>> {
    let set = this.channels.get(channel);
    if (!set) this.channels.set(channel, (set = new Set()));
    const own = (m: ChangeMessage) => listener(m);
    set.add(own);
    return async () => {
      set.delete(own);
      if (set.size === 0) this.channels.delete(channel);
    };
  }

  async close(): Promise<void> {
    this.channels.clear();
  }
}
