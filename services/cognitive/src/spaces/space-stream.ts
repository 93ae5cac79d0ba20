import { atomToJson, truthValueToJson, valueToJson, type AtomSpaceEvent } from '@ai-opencog/atomspace';
import type { AtomJson, StreamClientMessage, StreamServerMessage, ValueJson } from '@ai-opencog/protocol';
import type { StreamConnection, StreamMessageHandler } from '@ai-opencog/service-kit';
import { structureOf } from './atom-changes';
import type { Space } from './space';
import type { WorkingMemory, WorkingMemoryEvent } from './working-memory';

/**
 * The atom events of the WebSocket stream: a client sends `subscribe-space` and from then on
 * gets `atom-added`, `atom-removed` and `value-changed` for every change of that space, from
 * this instance or applied from another one, as the AtomSpace reports them (its `subscribe`
 * events), in order. Job events are served by service-kit's stream itself.
 */
export class SpaceStream {
  private readonly subscribers = new Map<string, Set<StreamConnection>>();
  private readonly unsubscribes = new Map<Space, () => void>();
  private readonly stopFollowing: () => void;

  constructor(private readonly memory: WorkingMemory) {
    this.stopFollowing = memory.subscribe((event) => this.onMemoryEvent(event));
    for (const space of memory.list()) this.follow(space);
  }

  /** For attachStream's `onMessage`: subscribe-space and unsubscribe-space. */
  readonly onMessage: StreamMessageHandler = (connection, message: StreamClientMessage) => {
    if (message.type === 'subscribe-space') {
      this.memory.require(message.space);
      let set = this.subscribers.get(message.space);
      if (!set) this.subscribers.set(message.space, (set = new Set()));
      set.add(connection);
      return;
    }
    if (message.type === 'unsubscribe-space') {
      this.subscribers.get(message.space)?.delete(connection);
      return;
    }
  };

  /** For attachStream's `onClose`. */
  readonly onClose = (connection: StreamConnection): void => {
    for (const set of this.subscribers.values()) set.delete(connection);
  };

  close(): void {
    this.stopFollowing();
    for (const unsubscribe of this.unsubscribes.values()) unsubscribe();
    this.unsubscribes.clear();
    this.subscribers.clear();
  }

  private onMemoryEvent(event: WorkingMemoryEvent): void {
    if (event.kind === 'created') this.follow(event.space);
    else {
      this.unsubscribes.get(event.space)?.();
      this.unsubscribes.delete(event.space);
      this.subscribers.delete(event.space.name);
    }
  }

  private follow(space: Space): void {
    this.unsubscribes.set(
      space,
      space.atoms.subscribe((event) => {
        const set = this.subscribers.get(space.name);
        if (!set || set.size === 0) return;
        const message = messageOf(space, event);
        for (const connection of set) connection.send(message);
      }),
    );
  }
}

/** The stream message of one AtomSpace event. */
export function messageOf(space: Space, event: AtomSpaceEvent): StreamServerMessage {
  const base = { space: space.name, handle: space.handleOf(event.atom) };
  switch (event.kind) {
    case 'add':
      return { type: 'atom-added', ...base, atom: atomToJson(event.atom, { space: space.atoms }) as AtomJson };
    case 'remove':
      return { type: 'atom-removed', ...base, atom: structureOf(event.atom) as AtomJson };
    case 'tv':
      return { type: 'value-changed', ...base, atom: structureOf(event.atom) as AtomJson, value: { kind: 'tv', ...truthValueToJson(event.value) } };
    case 'av': {
      const { sti, lti, vlti } = event.value;
      return { type: 'value-changed', ...base, atom: structureOf(event.atom) as AtomJson, value: { kind: 'av', sti, lti, vlti } };
    }
    case 'value':
      return {
        type: 'value-changed',
        ...base,
        atom: structureOf(event.atom) as AtomJson,
        key: structureOf(event.key) as AtomJson,
        value: event.value === undefined ? null : (valueToJson(event.value) as ValueJson),
      };
  }
}
