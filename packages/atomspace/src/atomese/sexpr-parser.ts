import { AtomeseError } from './atomese-error';

/** A Scheme datum as read, with the position of its first character. */
export type SExpr = SList | SSymbol | SString | SNumber;

export interface SList {
  kind: 'list';
  items: SExpr[];
  line: number;
  column: number;
}
export interface SSymbol {
  kind: 'symbol';
  value: string;
  line: number;
  column: number;
}
export interface SString {
  kind: 'string';
  value: string;
  line: number;
  column: number;
}
export interface SNumber {
  kind: 'number';
  value: number;
  text: string;
  line: number;
  column: number;
}

/** Deeper nesting than this is refused, so that hostile input cannot exhaust the stack. */
export const DEFAULT_MAX_DEPTH = 1000;

interface Frame {
  list: SList;
  close: number;
  /** Datums still to drop at this level because of `#;` comments. */
  skip: number;
}

const LPAREN = 0x28;
const RPAREN = 0x29;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const QUOTE = 0x22;
const SEMI = 0x3b;
const HASH = 0x23;
const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function isDelimiter(c: number): boolean {
  return (
    c === 0x20 || c === 0x09 || c === NEWLINE || c === 0x0d || c === 0x0c || c === 0x0b ||
    c === LPAREN || c === RPAREN || c === LBRACKET || c === RBRACKET || c === QUOTE || c === SEMI
  );
}

/**
 * A push parser of Scheme s-expressions: feed it text in chunks of any size (a chunk may end in
 * the middle of a token) and it calls `onDatum` with each complete top-level datum, in order.
 * Supports `;` line comments, nested `#| |#` and `#! !#` block comments, `#;` datum comments,
 * `[ ]` as parentheses and Guile's string escapes. Quote syntax is refused: it is not Atomese.
 */
export class SExprParser {
  private buf = '';
  private pos = 0;
  private line = 1;
  private col = 1;
  private readonly stack: Frame[] = [];
  private topSkip = 0;
  private ended = false;
  /*
   * A comment or string still open where the pushed text ends. What it has consumed so far is
   * dropped from the buffer, so a long one costs time in proportion to its length, not to the
   * length times the number of chunks.
   */
  private inLineComment = false;
  private openComment: { bang: boolean; depth: number; line: number; column: number } | undefined;
  private openString: { value: string; line: number; column: number } | undefined;

  constructor(
    private readonly onDatum: (d: SExpr) => void,
    private readonly file = '<input>',
    private readonly maxDepth = DEFAULT_MAX_DEPTH,
  ) {}

  /** Parses as much of `chunk` (appended to what is pending) as forms a complete token. */
  push(chunk: string): void {
    if (this.ended) throw new Error('SExprParser.push after end');
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + chunk : chunk;
    this.pos = 0;
    this.scan(false);
  }

  /** Declares the end of input: pending tokens must be complete and all lists closed. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.scan(true);
    if (this.stack.length > 0) {
      const open = this.stack[this.stack.length - 1].list;
      this.fail(`unclosed '(': missing ')' for the list opened here`, open.line, open.column);
    }
    if (this.topSkip > 0) this.fail(`'#;' comments out nothing: no datum follows it`, this.line, this.col);
  }

  /** Position just after the last character consumed. */
  get position(): { line: number; column: number } {
    return { line: this.line, column: this.col };
  }

  private fail(reason: string, line: number, column: number): never {
    throw new AtomeseError(reason, this.file, line, column);
  }

  private scan(final: boolean): void {
    if (this.inLineComment) this.skipLineComment();
    if (this.openComment && !this.readBlockComment(final)) return;
    if (this.openString && !this.readString(final)) return;
    const s = this.buf;
    const n = s.length;
    while (this.pos < n) {
      const c = s.charCodeAt(this.pos);
      if (c === NEWLINE) {
        this.pos++;
        this.line++;
        this.col = 1;
      } else if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0c || c === 0x0b || c === 0xfeff) {
        this.pos++;
        this.col++;
      } else if (c === LPAREN || c === LBRACKET) {
        if (this.stack.length >= this.maxDepth) {
          this.fail(`nesting deeper than ${this.maxDepth} levels`, this.line, this.col);
        }
        this.stack.push({
          list: { kind: 'list', items: [], line: this.line, column: this.col },
          close: c === LPAREN ? RPAREN : RBRACKET,
          skip: 0,
        });
        this.pos++;
        this.col++;
      } else if (c === RPAREN || c === RBRACKET) {
        const top = this.stack.pop();
        if (!top) this.fail(`unexpected '${String.fromCharCode(c)}': no list is open`, this.line, this.col);
        if (top.close !== c) {
          this.fail(
            `'${String.fromCharCode(c)}' closes the '${top.close === RPAREN ? '(' : '['}' opened at line ${top.list.line}, column ${top.list.column}`,
            this.line,
            this.col,
          );
        }
        if (top.skip > 0) this.fail(`'#;' comments out nothing: the list ends first`, this.line, this.col);
        this.pos++;
        this.col++;
        this.datum(top.list);
      } else if (c === QUOTE) {
        if (!this.readString(final)) return;
      } else if (c === SEMI) {
        this.skipLineComment();
      } else if (c === HASH && this.pos + 1 >= n && !final) {
        return;
      } else if (c === HASH && (s.charCodeAt(this.pos + 1) === 0x7c || s.charCodeAt(this.pos + 1) === 0x21)) {
        if (!this.readBlockComment(final)) return;
      } else if (c === HASH && s.charCodeAt(this.pos + 1) === SEMI) {
        if (this.stack.length > 0) this.stack[this.stack.length - 1].skip++;
        else this.topSkip++;
        this.pos += 2;
        this.col += 2;
      } else if (c === 0x27 || c === 0x60 || c === 0x2c) {
        this.fail(`quote syntax '${String.fromCharCode(c)}' is Scheme, not Atomese`, this.line, this.col);
      } else {
        if (!this.readAtom(final)) return;
      }
    }
  }

  /** Adds a completed datum to the open list, or hands it out at top level. */
  private datum(d: SExpr): void {
    const top = this.stack.length > 0 ? this.stack[this.stack.length - 1] : undefined;
    if (top) {
      if (top.skip > 0) top.skip--;
      else top.list.items.push(d);
    } else if (this.topSkip > 0) {
      this.topSkip--;
    } else {
      this.onDatum(d);
    }
  }

  private readAtom(final: boolean): boolean {
    const s = this.buf;
    let end = this.pos;
    while (end < s.length && !isDelimiter(s.charCodeAt(end))) end++;
    if (end === s.length && !final) return false;
    const text = s.slice(this.pos, end);
    const line = this.line;
    const column = this.col;
    this.col += end - this.pos;
    this.pos = end;
    const first = text.charCodeAt(0);
    const numeric = (first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e;
    if (numeric && NUMBER_RE.test(text)) {
      this.datum({ kind: 'number', value: Number(text), text, line, column });
    } else if (text === '+inf.0' || text === '-inf.0') {
      // Guile's infinities, which a FloatValue may hold.
      this.datum({ kind: 'number', value: text === '+inf.0' ? Infinity : -Infinity, text, line, column });
    } else {
      this.datum({ kind: 'symbol', value: text, line, column });
    }
    return true;
  }

  /** Skips a `;` comment up to its newline, which may come in a later chunk. */
  private skipLineComment(): void {
    const eol = this.buf.indexOf('\n', this.pos);
    const end = eol < 0 ? this.buf.length : eol;
    this.col += end - this.pos;
    this.pos = end;
    this.inLineComment = eol < 0;
  }

  private readString(final: boolean): boolean {
    const s = this.buf;
    const n = s.length;
    let open = this.openString;
    let i = this.pos;
    if (open === undefined) {
      // Fast path: no escapes, no newlines.
      let j = i + 1;
      while (j < n) {
        const c = s.charCodeAt(j);
        if (c === QUOTE || c === BACKSLASH || c === NEWLINE) break;
        j++;
      }
      if (j < n && s.charCodeAt(j) === QUOTE) {
        const value = s.slice(i + 1, j);
        const column = this.col;
        this.col += j + 1 - i;
        this.pos = j + 1;
        this.datum({ kind: 'string', value, line: this.line, column });
        return true;
      }
      open = { value: '', line: this.line, column: this.col };
      i++;
      this.col++;
    }
    // General path with escapes and line breaks.
    let out = open.value;
    let line = this.line;
    let col = this.col;
    /** Stops at `i`, to go on there with the next chunk; a string open at the end of input is an error. */
    const pause = (): false => {
      if (final) this.fail('unterminated string: missing closing \'"\'', open.line, open.column);
      open.value = out;
      this.openString = open;
      this.pos = i;
      this.line = line;
      this.col = col;
      return false;
    };
    for (;;) {
      if (i >= n) return pause();
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        i++;
        col++;
        break;
      }
      if (c === NEWLINE) {
        out += '\n';
        i++;
        line++;
        col = 1;
        continue;
      }
      if (c !== BACKSLASH) {
        out += s[i];
        i++;
        col++;
        continue;
      }
      // An escape that the chunk cuts short is read again whole from its backslash.
      if (i + 1 >= n) return pause();
      const e = s[i + 1];
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        i += 2;
        col += 2;
        continue;
      }
      if (e === '\n') {
        // Line continuation: skip the newline and the next line's leading blanks.
        let j = i + 2;
        while (j < n && (s[j] === ' ' || s[j] === '\t')) j++;
        if (j >= n && !final) return pause();
        line++;
        col = 1 + j - (i + 2);
        i = j;
        continue;
      }
      const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 6 : 0;
      if (hexLen === 0) {
        this.fail(`unknown escape '\\${e}' in string`, line, col);
      }
      // Guile: \xHH (exactly two digits) or R6RS \xH...; ; \uHHHH; \UHHHHHH.
      let j = i + 2;
      let hex = '';
      while (j < n && hex.length < hexLen + (e === 'x' ? 4 : 0) && isHexDigit(s.charCodeAt(j))) hex += s[j++];
      if (j >= n && !final) return pause();
      if (e === 'x') {
        if (j < n && s[j] === ';' && hex.length > 0) j++;
        else if (hex.length >= 2) {
          hex = hex.slice(0, 2);
          j = i + 4;
        } else hex = '';
      } else if (hex.length !== hexLen) hex = '';
      if (hex === '') {
        this.fail(`bad escape '\\${e}' in string: expected ${e === 'x' ? 'two' : hexLen} hexadecimal digits`, line, col);
      }
      const code = parseInt(hex, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        this.fail(`escape '\\${e}${hex}' is not a Unicode scalar value`, line, col);
      }
      out += String.fromCodePoint(code);
      col += j - i;
      i = j;
    }
    this.openString = undefined;
    this.pos = i;
    this.line = line;
    this.col = col;
    this.datum({ kind: 'string', value: out, line: open.line, column: open.column });
    return true;
  }

  private readBlockComment(final: boolean): boolean {
    const s = this.buf;
    const n = s.length;
    let open = this.openComment;
    let i = this.pos;
    if (open === undefined) {
      open = { bang: s.charCodeAt(i + 1) === 0x21, depth: 1, line: this.line, column: this.col };
      i += 2;
      this.col += 2;
    }
    const bang = open.bang;
    let line = this.line;
    let col = this.col;
    while (open.depth > 0) {
      if (i + 1 >= n) {
        if (final) this.fail(`unterminated block comment: missing '${bang ? '!#' : '|#'}'`, open.line, open.column);
        // Keep the last character: it may begin the closing pair.
        this.openComment = open;
        this.pos = i;
        this.line = line;
        this.col = col;
        return false;
      }
      const c = s.charCodeAt(i);
      const d = s.charCodeAt(i + 1);
      if (c === NEWLINE) {
        line++;
        col = 1;
        i++;
      } else if (bang ? c === 0x21 && d === HASH : c === 0x7c && d === HASH) {
        open.depth--;
        i += 2;
        col += 2;
      } else if (!bang && c === HASH && d === 0x7c) {
        open.depth++;
        i += 2;
        col += 2;
      } else {
        i++;
        col++;
      }
    }
    this.openComment = undefined;
    this.pos = i;
    this.line = line;
    this.col = col;
    return true;
  }
}

const SIMPLE_ESCAPES: Record<string, string | undefined> = {
  '"': '"',
  '\\': '\\',
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
  e: '\x1b',
};

/** Parses a whole text into its top-level datums. */
export function parseSExprs(text: string, file = '<input>', maxDepth = DEFAULT_MAX_DEPTH): SExpr[] {
  const out: SExpr[] = [];
  const p = new SExprParser((d) => out.push(d), file, maxDepth);
  p.push(text);
  p.end();
  return out;
}
