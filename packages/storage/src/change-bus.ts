/**
 * Publish/subscribe of change events between service instances: an instance that changes a
 * knowledge base (or a space of working memory) publishes on its channel; the others, subscribed,
 * refresh what they hold.
 */
import type { AtomKey } from './atom-store';

export interface ChangeBus {
  /** Sends `message` (JSON) to every subscriber of `channel`, in any process sharing the bus. */
  publish(channel: string, message: ChangeMessage): Promise<void>;
  /** Calls `listener` with each message on `channel`; resolves once subscribed, to the unsubscribe function. */
  subscribe(channel: string, listener: (message: ChangeMessage) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** What changed. */
export interface ChangeMessage {
  /** The instance that made the change (so it can ignore its own messages). */
  origin: string;
  /** `atoms`: atoms of a base or space; `base`: a base was created, renamed, deleted or restored. */
  kind: 'atoms' | 'base';
  /** The base or space. */
  name: string;
  /** The base's journal position after the change, when known. */
  journalSeq?: number;
  /** Keys of the atoms changed, when few (else absent: anything may have changed). */
  keys?: AtomKey[];
  /** For `base`: `created`, `renamed:<new name>` (on the old name), `renamed-from:<old name>`, `deleted`, `restored`. */
  detail?: string;
}

/** The channel of a knowledge base. */
export function baseChannel(base: string): string {
  return `ai-opencog:changes:base:${base}`;
}

/** The channel of a space of working memory (cognitive service). */
export function spaceChannel(space: string): string {
  return `ai-opencog:changes:space:${space}`;
}
