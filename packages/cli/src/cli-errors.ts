import { AtomeseError, AtomSpaceError } from '@ai-opencog/atomspace';

/** Exit statuses of the ai-opencog command. */
export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;
export const EXIT_CANCELLED = 130;

/** Wrong use of the command line (unknown option, missing argument): exit status 2. */
export class UsageError extends Error {}

/** Input the command could not use (unreadable file, bad Atomese, failed query): exit status 1. */
export class InputError extends Error {}

/** The one line that reports an error on stderr, in the compiler style `FILE:LINE:COL: error: MESSAGE`. */
export function formatError(e: unknown): { line: string; status: number } {
  if (e instanceof AtomeseError) {
    return { line: `${e.file}:${e.line}:${e.column}: error: ${e.reason}`, status: EXIT_BAD_INPUT };
  }
  if (e instanceof AtomSpaceError && e.code === 'QUERY_ABORTED') {
    return { line: `ai-opencog: cancelled: ${e.message}`, status: EXIT_CANCELLED };
  }
  if (e instanceof UsageError) {
    return { line: `ai-opencog: error: ${e.message}\nTry 'ai-opencog --help'.`, status: EXIT_USAGE };
  }
  if (e instanceof AtomSpaceError || e instanceof InputError) {
    return { line: `ai-opencog: error: ${e.message}`, status: EXIT_BAD_INPUT };
  }
  throw e;
}
