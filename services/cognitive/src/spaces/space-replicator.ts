import { randomUUID } from 'node:crypto';
import { resourceNameSchema, timestampSchema } from '@ai-opencog/protocol';
import type { Logger } from '@ai-opencog/service-kit';
import type { ChangeBus, ChangeMessage } from '@ai-opencog/storage';
import { z } from 'zod';
import { applyChanges, atomChangeSchema, ChangeRecorder, putChangeOf, type AtomChange } from './atom-changes';
import type { Space } from './space';
import type { WorkingMemory, WorkingMemoryEvent } from './working-memory';

/**
 * The one channel of the change bus on which the instances of the cognitive service share the
 * changes of every space. One channel (rather than one per space) keeps a space's creation and
 * its first atoms in order for an instance that did not know the space yet.
 */
export const SPACES_CHANNEL = 'ai-opencog:changes:spaces';

/** Changes carried by one message at most; larger batches go as several messages, in order. */
const CHANGES_PER_MESSAGE = 500;

/**
 * A message of the cognitive service on the change bus: the storage package's ChangeMessage
 * (origin, kind, name) with the changes themselves, since a space of working memory is nowhere
 * else to read them from. Both bus implementations carry messages as JSON, fields and all.
 * - kind `atoms`: `changes` of space `name`, in order;
 * - kind `base`, detail `created` / `dropped`: space `name` was created (with `space`) or dropped;
 * - kind `base`, detail `sync-request`: an instance that just started asks the others for
 *   every space they hold (they answer with `created` and `atoms` messages).
 */
export interface SpaceChangeMessage extends ChangeMessage {
  changes?: AtomChange[];
  space?: { description?: string; createdAt: string; loadedFrom?: { base: string; snapshot?: string } };
}

const messageSchema = z.object({
  origin: z.string().min(1),
  kind: z.enum(['atoms', 'base']),
  name: z.string(),
  detail: z.string().optional(),
  changes: z.array(atomChangeSchema).optional(),
  space: z
    .object({
      description: z.string().optional(),
      createdAt: timestampSchema,
      loadedFrom: z.object({ base: z.string(), snapshot: z.string().optional() }).optional(),
    })
    .optional(),
});

/**
 * Keeps the spaces of several instances of the service alike: every change made in this
 * instance (through the API, by a job, by a load) is published on the change bus, at the end of
 * the event-loop turn in which it was made (each atom once, with its state then); changes
 * published by other instances are applied here. Changes applied from the bus are not
 * published again (the recorder is paused while they are applied), and an instance ignores its
 * own messages, so nothing loops.
 *
 * Consistency is that of the bus: each instance applies the others' changes in the order each
 * made them; two instances changing the same atom at once end with the last change each
 * received (no global order). Redis pub/sub does not keep messages for an instance that is not
 * connected: a restarted instance asks the others for their spaces when it starts.
 */
export class SpaceReplicator {
  readonly origin = randomUUID();
  private readonly recorders = new Map<Space, ChangeRecorder>();
  private applying = false;
  private unsubscribeBus: (() => Promise<void>) | undefined;
  private readonly stopFollowing: () => void;
  private closed = false;

  constructor(
    private readonly memory: WorkingMemory,
    private readonly bus: ChangeBus,
    private readonly logger: Logger,
  ) {
    this.stopFollowing = memory.subscribe((event) => this.onMemoryEvent(event));
    for (const space of memory.list()) this.follow(space);
  }

  /** Subscribes to the bus and asks the other instances for their spaces. */
  async start(): Promise<void> {
    this.unsubscribeBus = await this.bus.subscribe(SPACES_CHANNEL, (message) => this.receive(message));
    this.publish({ origin: this.origin, kind: 'base', name: '*', detail: 'sync-request' });
  }

  /** Sends what is still pending and stops; the bus itself is closed by its owner. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [space, recorder] of this.recorders) this.flush(space, recorder);
    this.stopFollowing();
    for (const recorder of this.recorders.values()) recorder.dispose();
    this.recorders.clear();
    await this.unsubscribeBus?.().catch(() => undefined);
    await this.pending;
  }

  private pending: Promise<void> = Promise.resolve();

  private onMemoryEvent(event: WorkingMemoryEvent): void {
    if (event.kind === 'created') {
      this.follow(event.space);
      if (event.origin === 'local') this.publishCreated(event.space);
    } else {
      const recorder = this.recorders.get(event.space);
      recorder?.dispose();
      this.recorders.delete(event.space);
      if (event.origin === 'local') this.publish({ origin: this.origin, kind: 'base', name: event.space.name, detail: 'dropped' });
    }
  }

  private follow(space: Space): void {
    const recorder = new ChangeRecorder(
      space.atoms,
      () => setImmediate(() => this.flush(space, recorder)),
      () => this.applying,
    );
    this.recorders.set(space, recorder);
  }

  private flush(space: Space, recorder: ChangeRecorder): void {
    if (recorder.size === 0 || this.recorders.get(space) !== recorder) return;
    this.publishChanges(space.name, recorder.take());
  }

  private publishCreated(space: Space): void {
    const p = space.props;
    this.publish({
      origin: this.origin,
      kind: 'base',
      name: space.name,
      detail: 'created',
      space: {
        createdAt: p.createdAt,
        ...(p.description !== undefined ? { description: p.description } : {}),
        ...(p.loadedFrom ? { loadedFrom: p.loadedFrom } : {}),
      },
    });
  }

  private publishChanges(name: string, changes: AtomChange[]): void {
    for (let i = 0; i < changes.length; i += CHANGES_PER_MESSAGE) {
      this.publish({ origin: this.origin, kind: 'atoms', name, changes: changes.slice(i, i + CHANGES_PER_MESSAGE) });
    }
  }

  /** Publishes in order (each publish starts after the previous one was handed to the bus). */
  private publish(message: SpaceChangeMessage): void {
    this.pending = this.pending
      .then(() => this.bus.publish(SPACES_CHANNEL, message))
      .catch((error: unknown) => this.logger.warn({ err: error, space: message.name }, 'could not publish a change of a space; other instances miss it'));
  }

  private receive(raw: ChangeMessage): void {
    if (this.closed || raw.origin === this.origin) return;
    const parsed = messageSchema.safeParse(raw);
    if (!parsed.success) {
      this.logger.warn({ issues: parsed.error.issues.slice(0, 3) }, 'ignored a malformed message on the spaces channel');
      return;
    }
    const message = parsed.data as SpaceChangeMessage;
    try {
      this.applying = true;
      this.apply(message);
    } catch (error) {
      this.logger.warn({ err: error, space: message.name }, 'could not apply a change from another instance');
    } finally {
      this.applying = false;
    }
  }

  private apply(message: SpaceChangeMessage): void {
    if (message.kind === 'base' && message.detail === 'sync-request') {
      // Answered once this turn is over (not while `applying`, so nothing is muted).
      setImmediate(() => this.answerSyncRequest());
      return;
    }
    if (!resourceNameSchema.safeParse(message.name).success) return;
    if (message.kind === 'base') {
      if (message.detail === 'created' && !this.memory.get(message.name)) {
        this.memory.create({ name: message.name, ...(message.space ?? {}) }, 'remote');
      } else if (message.detail === 'dropped') {
        this.memory.drop(message.name, 'remote');
      }
      return;
    }
    // Changes of a space this instance does not know yet (it started after the space was made).
    const space = this.memory.get(message.name) ?? this.memory.create({ name: message.name }, 'remote');
    applyChanges(space.atoms, message.changes ?? []);
  }

  private answerSyncRequest(): void {
    for (const space of this.memory.list()) {
      this.publishCreated(space);
      const changes: AtomChange[] = [];
      for (const atom of space.ordered()) changes.push(putChangeOf(atom, space.atoms));
      this.publishChanges(space.name, changes);
    }
  }
}
