import { AtomeseError, AtomSpace, TypeRegistry, parseAtomese, type Atom } from '@ai-opencog/atomspace';
import { LineIndex, topLevelForms } from './atomese-source';

/*
 * Parse diagnostics of an Atomese text, by the kernel's own reader (the one the services use), so
 * that what the editor marks is what a load would refuse. After an error the check resumes at the
 * next top-level form, so one mistake does not hide the next ones. A type the kernel does not know
 * (`GeneNode`) is a warning, not an error: users declare their own types (ATOM_TYPES_FILE), so it
 * is declared on the fly (as a subtype of ConceptNode or OrderedLink) and the check goes on.
 */

export type DiagnosticSeverity = 'error' | 'warning';

export interface AtomeseDiagnostic {
  severity: DiagnosticSeverity;
  message: string;
  /** 1-based, as the reader reports. */
  line: number;
  column: number;
  /** 1-based end (exclusive), on the same line or after. */
  endLine: number;
  endColumn: number;
  /** The kernel's code: PARSE_ERROR. */
  code: string;
}

export interface AtomeseCheckOptions {
  file?: string;
  /** User types already known, `Name:Parent` (e.g. from the services' ATOM_TYPES). */
  userTypes?: ReadonlyArray<{ name: string; parents: string[] }>;
  maxDiagnostics?: number;
}

export interface AtomeseCheckResult {
  diagnostics: AtomeseDiagnostic[];
  /** Top-level items read (atoms and values). */
  itemCount: number;
}

const UNKNOWN_TYPE = /^unknown atom type '([A-Za-z][A-Za-z0-9_]*)'/;

/** Checks `text` with the kernel's reader; never throws for bad input. */
export function checkAtomese(text: string, options: AtomeseCheckOptions = {}): AtomeseCheckResult {
  const max = options.maxDiagnostics ?? 50;
  const types = new TypeRegistry();
  for (const t of options.userTypes ?? []) {
    try {
      types.register(t.name, t.parents);
    } catch {
      // a bad declaration: the reader will then report the type as unknown
    }
  }
  const space = new AtomSpace({ types });
  const definitions = new Map<string, Atom>();
  const lines = new LineIndex(text);
  const diagnostics: AtomeseDiagnostic[] = [];
  const declared = new Set<string>();
  let source = text;
  let itemCount = 0;
  // Each round reads from where the previous error left off; every round either ends the text or
  // blanks at least one more form (or declares one more type), so the loop ends.
  for (let round = 0; round < max * 4 && diagnostics.length < max; round++) {
    let read = 0;
    try {
      parseAtomese(space, source, { file: options.file, definitions }).forEach(() => read++);
      itemCount += read;
      break;
    } catch (error) {
      if (!(error instanceof AtomeseError)) {
        const message = error instanceof Error ? error.message : String(error);
        diagnostics.push(diagnosticAt(lines, text, 1, 1, 'error', message, 'INTERNAL'));
        break;
      }
      const unknown = UNKNOWN_TYPE.exec(error.reason);
      if (unknown && !declared.has(unknown[1])) {
        const name = unknown[1];
        declared.add(name);
        diagnostics.push(
          diagnosticAt(lines, text, error.line, error.column, 'warning', `'${name}' is not a type the kernel knows: declare it for the services (ATOM_TYPES or an atom_types.script file)`, error.code),
        );
        types.register(name, [name.endsWith('Node') ? 'ConceptNode' : 'OrderedLink']);
        continue; // read again with the type declared
      }
      diagnostics.push(diagnosticAt(lines, text, error.line, error.column, 'error', error.reason, error.code));
      const errorOffset = lines.offsetOf(error.line, error.column);
      const resumeAt = resumeOffset(text, errorOffset);
      if (resumeAt >= text.length) break;
      source = blankBefore(text, resumeAt);
      // atoms read before the error stay in the space: reading them again only returns them
    }
  }
  return { diagnostics: dedupe(diagnostics), itemCount };
}

/** Where reading resumes after an error at `offset`: after the top-level form that holds it. */
function resumeOffset(text: string, offset: number): number {
  for (const form of topLevelForms(text)) {
    if (form.end > offset) return form.closed ? form.end : text.length;
  }
  return text.length;
}

/** `text` with everything before `offset` turned into spaces (line ends kept), so positions stay. */
function blankBefore(text: string, offset: number): string {
  return text.slice(0, offset).replace(/[^\n\r]/g, ' ') + text.slice(offset);
}

function diagnosticAt(
  lines: LineIndex,
  text: string,
  line: number,
  column: number,
  severity: DiagnosticSeverity,
  message: string,
  code: string,
): AtomeseDiagnostic {
  const start = lines.offsetOf(line, column);
  const end = tokenEnd(text, start);
  const endPos = lines.positionOf(end);
  return { severity, message, line, column, endLine: endPos.line, endColumn: endPos.column, code };
}

/** End of the token at `offset`, so that a marker underlines a word rather than one character. */
function tokenEnd(text: string, offset: number): number {
  if (offset >= text.length) return offset;
  if ('()[]'.includes(text[offset])) return offset + 1;
  let j = offset;
  while (j < text.length && !/[\s()[\]";]/.test(text[j])) j++;
  if (text[offset] === '"') {
    const close = text.indexOf('"', offset + 1);
    j = close < 0 ? Math.min(text.length, offset + 1) : close + 1;
  }
  return Math.max(j, offset + 1);
}

function dedupe(diagnostics: AtomeseDiagnostic[]): AtomeseDiagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
