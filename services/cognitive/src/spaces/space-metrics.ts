import type { ServiceMetrics } from '@ai-opencog/service-kit';
import type { Space } from './space';
import type { WorkingMemory } from './working-memory';

/**
 * Keeps the `atomspace_atoms{space}` gauge: set when a space is created, once per event-loop
 * turn in which it changed, and removed when it is dropped.
 */
export function followSpaceSizes(memory: WorkingMemory, metrics: ServiceMetrics): () => void {
  const gauge = metrics.spaceAtoms;
  const followed = new Map<Space, () => void>();
  const follow = (space: Space) => {
    let scheduled = false;
    gauge.set({ space: space.name }, space.size);
    const unsubscribe = space.atoms.subscribe(() => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        if (followed.has(space)) gauge.set({ space: space.name }, space.size);
      });
    });
    followed.set(space, unsubscribe);
  };
  for (const space of memory.list()) follow(space);
  const stop = memory.subscribe((event) => {
    if (event.kind === 'created') return follow(event.space);
    followed.get(event.space)?.();
    followed.delete(event.space);
    gauge.remove({ space: event.space.name });
  });
  return () => {
    stop();
    for (const unsubscribe of followed.values()) unsubscribe();
    followed.clear();
  };
}
