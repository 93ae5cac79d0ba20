/*
 * Where the expressions of an Atomese text are, without reading them: the top-level forms, the
 * form under a cursor, the innermost list around it. A light scanner that knows strings, `;`
 * comments and `#| |#` / `#! !#` block comments, so that brackets inside them do not count.
 * Positions are UTF-16 offsets, as editors count.
 */

export interface SourceRange {
  /** Offset of the first character. */
  start: number;
  /** Offset after the last character. */
  end: number;
}

export interface SourceForm extends SourceRange {
  /** False when the text ends before the form closes. */
  closed: boolean;
}

const OPEN = new Set(['(', '[']);
const CLOSE = new Set([')', ']']);

/** Offset of the end of a string starting at `i` (on its opening quote). */
function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '"') return j + 1;
  }
  return text.length;
}

/** Offset after a comment starting at `i`, or -1 when no comment starts there. */
function skipComment(text: string, i: number): number {
  const c = text[i];
  if (c === ';') {
    const nl = text.indexOf('\n', i);
    return nl < 0 ? text.length : nl + 1;
  }
  if (c === '#' && (text[i + 1] === '|' || text[i + 1] === '!')) {
    const open = `#${text[i + 1]}`;
    const close = `${text[i + 1]}#`;
    let depth = 1;
    let j = i + 2;
    while (j < text.length && depth > 0) {
      if (text.startsWith(close, j)) {
        depth--;
        j += 2;
      } else if (text.startsWith(open, j)) {
        depth++;
        j += 2;
      } else j++;
    }
    return j;
  }
  return -1;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

/** The top-level forms: lists, and lone atoms or stray closing brackets between them. */
export function topLevelForms(text: string): SourceForm[] {
  const forms: SourceForm[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    const afterComment = skipComment(text, i);
    if (afterComment >= 0) {
      i = afterComment;
      continue;
    }
    if (c === '#' && text[i + 1] === ';') {
      i += 2; // a datum comment: the next form is still a form for positions
      continue;
    }
    if (OPEN.has(c)) {
      const end = closeOf(text, i);
      forms.push({ start: i, end: end < 0 ? text.length : end, closed: end >= 0 });
      i = end < 0 ? text.length : end;
      continue;
    }
    if (CLOSE.has(c)) {
      forms.push({ start: i, end: i + 1, closed: true });
      i++;
      continue;
    }
    if (c === '"') {
      const end = skipString(text, i);
      forms.push({ start: i, end, closed: end <= text.length && text[end - 1] === '"' });
      i = end;
      continue;
    }
    let j = i + 1;
    while (j < text.length && !isSpace(text[j]) && !OPEN.has(text[j]) && !CLOSE.has(text[j]) && text[j] !== '"' && text[j] !== ';') j++;
    forms.push({ start: i, end: j, closed: true });
    i = j;
  }
  return forms;
}

/** The brackets of `text` from `from` to `to` (exclusive), outside strings and comments, in order. */
function* bracketsIn(text: string, from: number, to: number): Iterable<{ at: number; opens: boolean }> {
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === '"') {
      i = skipString(text, i);
      continue;
    }
    const afterComment = skipComment(text, i);
    if (afterComment >= 0) {
      i = afterComment;
      continue;
    }
    if (OPEN.has(c)) yield { at: i, opens: true };
    else if (CLOSE.has(c)) yield { at: i, opens: false };
    i++;
  }
}

/** Offset after the bracket closing the list that opens at `open`, or -1 when it never closes. */
export function closeOf(text: string, open: number): number {
  let depth = 0;
  for (const b of bracketsIn(text, open, text.length)) {
    depth += b.opens ? 1 : -1;
    if (depth === 0) return b.at + 1;
  }
  return -1;
}

/**
 * The top-level list that holds `offset`; between forms (on a comment, a blank line), the last
 * list before it, or the first one when it comes before them all.
 */
export function topLevelFormAt(text: string, offset: number): SourceForm | undefined {
  const forms = topLevelForms(text).filter((f) => OPEN.has(text[f.start]));
  const inside = forms.find((f) => offset >= f.start && offset < f.end);
  if (inside) return inside;
  let before: SourceForm | undefined;
  for (const f of forms) if (f.end <= offset) before = f;
  return before ?? forms[0];
}

/** The lists that hold `offset`, outermost first. */
export function listsAround(text: string, offset: number): SourceRange[] {
  const top = topLevelFormAt(text, offset);
  if (!top || !OPEN.has(text[top.start])) return [];
  const result: SourceRange[] = [];
  const stack: number[] = [];
  for (const b of bracketsIn(text, top.start, top.end)) {
    if (b.opens) stack.push(b.at);
    else {
      const start = stack.pop();
      if (start !== undefined && start <= offset && offset <= b.at) result.push({ start, end: b.at + 1 });
    }
  }
  // An unclosed form still counts from its opening bracket.
  for (const start of stack) if (start <= offset) result.push({ start, end: top.end });
  return result.sort((a, b) => a.start - b.start);
}

/** The head symbol of the list starting at `start` (`Inheritance` in `(Inheritance ...)`). */
export function headOf(text: string, start: number): string | undefined {
  const m = /^[([]\s*([A-Za-z_][A-Za-z0-9_!?*<>=/+-]*)/.exec(text.slice(start, start + 200));
  return m?.[1];
}

/** Text of the top-level form at `offset`, without surrounding space. */
export function expressionAt(text: string, offset: number): string | undefined {
  const form = topLevelFormAt(text, offset);
  return form ? text.slice(form.start, form.end).trim() : undefined;
}

/**
 * The atom under the cursor: the innermost list around `offset` whose head is an atom type
 * (CamelCase) and not a value (`stv`, `ctv`, `av`); the top-level form when there is none.
 */
export function atomExpressionAt(text: string, offset: number, isAtomType: (head: string) => boolean): string | undefined {
  const lists = listsAround(text, offset);
  for (let k = lists.length - 1; k >= 0; k--) {
    const head = headOf(text, lists[k].start);
    if (head !== undefined && isAtomType(head)) return text.slice(lists[k].start, lists[k].end);
  }
  return expressionAt(text, offset);
}

/** Offsets of line starts, to turn 1-based line/column into offsets and back. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of 1-based `line` and `column`, clamped to the text. */
  offsetOf(line: number, column: number): number {
    const l = Math.min(Math.max(line, 1), this.starts.length);
    return Math.min(this.starts[l - 1] + Math.max(column, 1) - 1, this.text.length);
  }

  /** 1-based line and column of `offset`. */
  positionOf(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}
