import { readFileSync } from 'node:fs';
import { AtomSpace, parseAtom, type Atom } from '@ai-opencog/atomspace';
import { InvalidArgumentError } from 'commander';
import { InputError } from '../cli-errors';

/**
 * Reads an atom given on the command line as Atomese text, or as `@path` of a file holding it
 * (as `query` takes its query). It is read into a scratch space with the types of `space`, so
 * that reading it adds nothing to the knowledge base; parse errors name `<what>` or the file.
 */
export function readAtomArgument(space: AtomSpace, arg: string, what: string): Atom {
  let text = arg;
  let file = `<${what}>`;
  if (arg.startsWith('@')) {
    file = arg.slice(1);
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read ${what} file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return parseAtom(new AtomSpace({ types: space.types }), text, { file });
}

/** Parser of an option taking a whole number, zero included. */
export function nonNegativeInt(what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`${what} must be a non-negative integer.`);
    return n;
  };
}

/** Parser of an option taking a whole number from 1 to `max`. */
export function intFromOneTo(what: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > max) throw new InvalidArgumentError(`${what} must be an integer from 1 to ${max}.`);
    return n;
  };
}
