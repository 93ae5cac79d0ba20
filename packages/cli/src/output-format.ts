import {
  atomToJson,
  valueToJson,
  writeAtom,
  writeValue,
  type Atom,
  type AtomSpace,
  type Value,
} from '@ai-opencog/atomspace';
import type { TextSink } from './cli-io';

/** How results are printed: Atomese (pretty or one line per item) or JSON. */
export interface OutputOptions {
  json: boolean;
  compact: boolean;
}

export function printAtom(out: TextSink, atom: Atom, space: AtomSpace, options: OutputOptions): void {
  if (options.json) out.write(`${JSON.stringify(atomToJson(atom, { space }))}\n`);
  else out.write(`${writeAtom(atom, { space, style: options.compact ? 'compact' : 'pretty' })}\n`);
}

export function printValue(out: TextSink, value: Value, options: OutputOptions): void {
  if (options.json) out.write(`${JSON.stringify(valueToJson(value))}\n`);
  else out.write(`${writeValue(value, { style: options.compact ? 'compact' : 'pretty' })}\n`);
}
