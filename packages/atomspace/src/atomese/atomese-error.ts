import { AtomSpaceError } from '../errors';

/** Where something was read: 1-based line and column (UTF-16 code units, as editors count). */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * A syntax or meaning error in Atomese text. `reason` says what is wrong; `file`, `line` and
 * `column` say where. The message reads `FILE:LINE:COL: REASON`.
 */
export class AtomeseError extends AtomSpaceError {
  constructor(
    readonly reason: string,
    readonly file: string,
    readonly line: number,
    readonly column: number,
  ) {
    super('PARSE_ERROR', `${file}:${line}:${column}: ${reason}`);
    this.name = 'AtomeseError';
  }
}
