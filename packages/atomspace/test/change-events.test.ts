import { DEFAULT_AV, DEFAULT_TV, FloatValue, StringValue, av, stv, type AtomSpace, type AtomSpaceEvent } from '../src';
import { freshSpace } from './support/helpers';

function record(space: AtomSpace): { events: AtomSpaceEvent[]; log: string[]; stop: () => void } {
  const events: AtomSpaceEvent[] = [];
  const log: string[] = [];
  const stop = space.subscribe((e) => {
    events.push(e);
    log.push(`${e.kind} ${e.atom}`);
  });
  return { events, log, stop };
}

describe('change events', () => {
  it('announce new atoms, inner atoms first', () => {
    const space = freshSpace();
    const { log } = record(space);
    const a = space.addNode('Concept', 'a');
    space.addLink('List', [a, space.addNode('Concept', 'b')]);
    expect(log).toEqual(['add (ConceptNode "a")', 'add (ConceptNode "b")', 'add (ListLink (ConceptNode "a") (ConceptNode "b"))']);
  });

  it('say nothing when an existing atom is added again without a TV', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    space.addLink('List', [a]);
    const { events } = record(space);
    space.addNode('Concept', 'a');
    space.addLink('List', [a]);
    space.add(a);
    expect(events).toEqual([]);
  });

  it('give a new atom its TV before announcing it, without a separate tv event', () => {
    const space = freshSpace();
    const seen: string[] = [];
    space.subscribe((e) => seen.push(`${e.kind} ${space.getTruthValue(e.atom)}`));
    space.addNode('Concept', 'a', stv(0.5, 0.25));
    space.addLink('List', [space.getNode('Concept', 'a')!], stv(0.75, 0.5));
    expect(seen).toEqual(['add (stv 0.5 0.25)', 'add (stv 0.75 0.5)']);
  });

  it('announce truth value changes with the previous value', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const { events } = record(space);
    space.setTruthValue(a, stv(0.5, 0.5));
    space.addNode('Concept', 'a', stv(0.1, 0.1));
    expect(events).toEqual([
      { kind: 'tv', atom: a, value: stv(0.5, 0.5), previous: DEFAULT_TV },
      { kind: 'tv', atom: a, value: stv(0.1, 0.1), previous: stv(0.5, 0.5) },
    ]);
  });

  it('announce attention value changes with the previous value', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const { events } = record(space);
    space.setAttentionValue(a, av(10, 2, 1));
    expect(events).toEqual([{ kind: 'av', atom: a, value: av(10, 2, 1), previous: DEFAULT_AV }]);
    expect(space.getAttentionValue(a).equals(av(10, 2, 1))).toBe(true);
  });

  it('announce keyed values set, replaced and removed', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const key = space.addNode('Predicate', 'weights');
    const { events } = record(space);
    const v1 = new FloatValue([1, 2]);
    const v2 = new StringValue(['x']);
    space.setValue(a, key, v1);
    space.setValue(a, key, v2);
    space.setValue(a, key, undefined);
    expect(events).toEqual([
      { kind: 'value', atom: a, key, value: v1, previous: undefined },
      { kind: 'value', atom: a, key, value: v2, previous: v1 },
      { kind: 'value', atom: a, key, value: undefined, previous: v2 },
    ]);
    expect(space.getValue(a, key)).toBeUndefined();
    expect(space.getKeys(a)).toEqual([]);
  });

  it('announce the key atom first when setting a value creates it', () => {
    const space = freshSpace();
    const other = freshSpace(space.types);
    const a = space.addNode('Concept', 'a');
    const foreignKey = other.addNode('Predicate', 'k');
    const { log, events } = record(space);
    space.setValue(a, foreignKey, new FloatValue([1]));
    expect(log).toEqual(['add (PredicateNode "k")', 'value (ConceptNode "a")']);
    const e = events[1];
    expect(e.kind === 'value' && e.key).toBe(space.getNode('Predicate', 'k'));
  });

  it('announce removals, links before the atoms they contain', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    space.addLink('List', [space.addLink('Set', [a])]);
    const { log } = record(space);
    space.remove(a, true);
    expect(log).toEqual(['remove (ListLink (SetLink (ConceptNode "a")))', 'remove (SetLink (ConceptNode "a"))', 'remove (ConceptNode "a")']);
  });

  it('say nothing for a refused removal', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    space.addLink('List', [a]);
    const { events } = record(space);
    expect(space.remove(a)).toBe(false);
    expect(events).toEqual([]);
  });

  it('announce a StateLink replacing the old state', () => {
    const space = freshSpace();
    const key = space.addNode('Anchor', 'k');
    space.addLink('State', [key, space.addNode('Concept', 'on')]);
    const { log } = record(space);
    space.addLink('State', [key, space.addNode('Concept', 'off')]);
    expect(log).toEqual([
      'add (ConceptNode "off")',
      'add (StateLink (AnchorNode "k") (ConceptNode "off"))',
      'remove (StateLink (AnchorNode "k") (ConceptNode "on"))',
    ]);
  });

  it('stop after unsubscribing, for that listener only', () => {
    const space = freshSpace();
    const first = record(space);
    const second = record(space);
    space.addNode('Concept', 'a');
    first.stop();
    space.addNode('Concept', 'b');
    first.stop();
    expect(first.log).toEqual(['add (ConceptNode "a")']);
    expect(second.log).toEqual(['add (ConceptNode "a")', 'add (ConceptNode "b")']);
  });

  it('reach every listener even when one unsubscribes during an event', () => {
    const space = freshSpace();
    const seen: string[] = [];
    const stop = space.subscribe(() => {
      seen.push('first');
      stop();
    });
    space.subscribe(() => seen.push('second'));
    space.addNode('Concept', 'a');
    space.addNode('Concept', 'b');
    expect(seen).toEqual(['first', 'second', 'second']);
  });

  it('let a listener change the space', () => {
    const space = freshSpace();
    const mirror = space.addNode('Concept', 'count');
    let n = 0;
    space.subscribe((e) => {
      if (e.kind === 'add') space.setTruthValue(mirror, stv(1, Math.min(1, ++n / 10)));
    });
    space.addNode('Concept', 'a');
    space.addNode('Concept', 'b');
    expect(space.getTruthValue(mirror).confidence).toBeCloseTo(0.2, 12);
  });

  it('of a child stay in the child; the parent hears the commit', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const child = space.createChild();
    const parentLog = record(space);
    const childLog = record(child);
    child.addNode('Concept', 'b');
    child.setTruthValue(a, stv(0.5, 0.5));
    expect(parentLog.log).toEqual([]);
    expect(childLog.log).toEqual(['add (ConceptNode "b")', 'tv (ConceptNode "a")']);
    child.commitToParent();
    expect(parentLog.log).toEqual(['add (ConceptNode "b")', 'tv (ConceptNode "a")']);
  });
});
