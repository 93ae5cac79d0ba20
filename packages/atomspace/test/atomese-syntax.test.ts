import { AtomeseError, SExprParser, parseSExprs, type SExpr } from '../src';
import { atomeseError } from './support/helpers';

/** A datum without positions, for compact expectations: lists as arrays, symbols as 'sym:x'. */
type Plain = string | number | Plain[];
function plain(e: SExpr): Plain {
  switch (e.kind) {
    case 'list':
      return e.items.map(plain);
    case 'symbol':
      return `sym:${e.value}`;
    case 'string':
      return e.value;
    case 'number':
      return e.value;
  }
}
function read(text: string): Plain[] {
  return parseSExprs(text).map(plain);
}
function syntaxError(text: string, maxDepth?: number): AtomeseError {
  return atomeseError(() => parseSExprs(text, 'test.scm', maxDepth));
}

describe('lists and brackets', () => {
  it('reads nested lists of symbols, strings and numbers', () => {
    expect(read('(ConceptNode "cat") (ListLink (a) ())')).toEqual([
      ['sym:ConceptNode', 'cat'],
      ['sym:ListLink', ['sym:a'], []],
    ]);
  });

  it('reads nothing from empty or blank input', () => {
    expect(read('')).toEqual([]);
    expect(read('  \n\t\r\n \f\v ')).toEqual([]);
    expect(read('; only a comment')).toEqual([]);
  });

  it('treats [ ] as parentheses', () => {
    expect(read('[a [b] (c)]')).toEqual([['sym:a', ['sym:b'], ['sym:c']]]);
  });

  it('refuses a mismatched bracket, naming where the list opened', () => {
    const e = syntaxError('(a\n  [b))');
    expect(e.line).toBe(2);
    expect(e.column).toBe(5);
    expect(e.reason).toBe("')' closes the '[' opened at line 2, column 3");
    expect(e.file).toBe('test.scm');
    expect(e.message).toBe("test.scm:2:5: ')' closes the '[' opened at line 2, column 3");
    const f = syntaxError('[a)');
    expect([f.line, f.column]).toEqual([1, 3]);
    expect(f.reason).toContain("closes the '['");
    const g = syntaxError('(a]');
    expect([g.line, g.column]).toEqual([1, 3]);
    expect(g.reason).toBe("']' closes the '(' opened at line 1, column 1");
  });

  it('refuses a stray closing parenthesis where it stands', () => {
    const e = syntaxError('(a)\n  )');
    expect([e.line, e.column]).toEqual([2, 3]);
    expect(e.reason).toBe("unexpected ')': no list is open");
    expect(e.code).toBe('PARSE_ERROR');
    expect(syntaxError(']').reason).toBe("unexpected ']': no list is open");
  });

  it('refuses an unclosed list, pointing at the innermost open list', () => {
    const e = syntaxError('(a\n  (b (c)\n');
    expect([e.line, e.column]).toEqual([2, 3]);
    expect(e.reason).toContain("unclosed '('");
  });

  it('gives every datum its line and column', () => {
    const ds = parseSExprs('(a\n  "s" 12)\n   sym');
    const list = ds[0];
    expect([list.line, list.column]).toEqual([1, 1]);
    expect(list.kind === 'list' && list.items.map((d) => [d.kind, d.line, d.column])).toEqual([
      ['symbol', 1, 2],
      ['string', 2, 3],
      ['number', 2, 7],
    ]);
    expect([ds[1].kind, ds[1].line, ds[1].column]).toEqual(['symbol', 3, 4]);
  });

  it('counts lines the same with Windows line ends', () => {
    const ds = parseSExprs('(a)\r\n(b)\r\n  (c)');
    expect(ds.map((d) => [d.line, d.column])).toEqual([
      [1, 1],
      [2, 1],
      [3, 3],
    ]);
  });

  it('ignores a byte-order mark', () => {
    expect(read('\ufeff(a)')).toEqual([['sym:a']]);
  });

  it('refuses nesting deeper than the limit, at the offending parenthesis', () => {
    expect(parseSExprs('((((a))))', 'f', 4)).toHaveLength(1);
    const e = syntaxError('((((( a)))))', 4);
    expect([e.line, e.column]).toEqual([1, 5]);
    expect(e.reason).toBe('nesting deeper than 4 levels');
    const deep = '('.repeat(1001) + ')'.repeat(1001);
    expect(syntaxError(deep).reason).toBe('nesting deeper than 1000 levels');
    expect(syntaxError(deep).column).toBe(1001);
    expect(parseSExprs('('.repeat(1000) + ')'.repeat(1000))).toHaveLength(1);
  });
});

describe('comments', () => {
  it('skips ; line comments, also at the end of input', () => {
    expect(read('(a ; comment ) (\n b) ; last')).toEqual([['sym:a', 'sym:b']]);
    expect(read(';; header\n(a) ; [123]\n')).toEqual([['sym:a']]);
  });

  it('skips #| |# block comments, which nest', () => {
    expect(read('(a #| x (y |# b)')).toEqual([['sym:a', 'sym:b']]);
    expect(read('#| outer #| inner |# still outer |# (a)')).toEqual([['sym:a']]);
    expect(read('#||#(a)')).toEqual([['sym:a']]);
    expect(read('#| ) " ; |#(a)')).toEqual([['sym:a']]);
  });

  it('skips #! !# block comments, which do not nest', () => {
    expect(read('#! guile script header\n !# (a)')).toEqual([['sym:a']]);
    expect(read('#! #! !# (a)')).toEqual([['sym:a']]);
  });

  it('keeps positions right after comments spanning lines', () => {
    const ds = parseSExprs('#| one\ntwo |# (a) ; x\n  #! y\n !#  (b)');
    expect(ds.map((d) => [d.line, d.column])).toEqual([
      [2, 8],
      [4, 6],
    ]);
  });

  it('refuses an unterminated block comment, at its start', () => {
    const e = syntaxError('(a)\n  #| never closed\n(b)');
    expect([e.line, e.column]).toEqual([2, 3]);
    expect(e.reason).toBe("unterminated block comment: missing '|#'");
    const f = syntaxError('#| #| |#');
    expect([f.line, f.column]).toEqual([1, 1]);
    const g = syntaxError('#! x');
    expect(g.reason).toBe("unterminated block comment: missing '!#'");
  });

  it('drops the datum after #;', () => {
    expect(read('#; (a b) (c)')).toEqual([['sym:c']]);
    expect(read('(a #;b c)')).toEqual([['sym:a', 'sym:c']]);
    expect(read('(a #; (b (c)) d)')).toEqual([['sym:a', 'sym:d']]);
    expect(read('(a #;"s" #;12 e)')).toEqual([['sym:a', 'sym:e']]);
    expect(read('#;#; (a) (b) (c)')).toEqual([['sym:c']]);
    expect(read('#; ; comment\n #| block |# (a) (b)')).toEqual([['sym:b']]);
  });

  it('refuses #; with nothing to drop', () => {
    const e = syntaxError('(a #; )');
    expect([e.line, e.column]).toEqual([1, 7]);
    expect(e.reason).toBe("'#;' comments out nothing: the list ends first");
    const f = syntaxError('(a) #;');
    expect(f.reason).toBe("'#;' comments out nothing: no datum follows it");
  });
});

describe('strings', () => {
  it('reads plain strings with any unicode', () => {
    expect(read('"Núria_Espert" "λx" "😀" "中文" ""')).toEqual(['Núria_Espert', 'λx', '😀', '中文', '']);
  });

  it('keeps parentheses and semicolons inside strings', () => {
    expect(read('("a (b) ; c")')).toEqual([['a (b) ; c']]);
  });

  it('reads the escapes of Guile', () => {
    expect(read(String.raw`"q\"b\\n\nt\tr\ra\ab\bf\fv\vz\0"`)).toEqual(['q"b\\n\nt\tr\ra\x07b\bf\fv\vz\0']);
  });

  it('reads hexadecimal escapes: \\xHH, \\xH...; , \\uHHHH and \\UHHHHHH', () => {
    expect(read(String.raw`"\x41\x42C"`)).toEqual(['ABC']);
    expect(read(String.raw`"\x4142"`)).toEqual(['A42']);
    expect(read(String.raw`"\x41;B"`)).toEqual(['AB']);
    expect(read(String.raw`"\x3bb;"`)).toEqual(['λ']);
    expect(read(String.raw`"\x1F600;"`)).toEqual(['😀']);
    expect(read(String.raw`"\u03bbx"`)).toEqual(['λx']);
    expect(read(String.raw`"\U01F600!"`)).toEqual(['😀!']);
    expect(read(String.raw`"\x7f\x00;"`)).toEqual(['\x7f\0']);
  });

  it('keeps a raw newline and joins a continued line without its leading blanks', () => {
    expect(read('"a\nb"')).toEqual(['a\nb']);
    expect(read('"abc\\\n    def"')).toEqual(['abcdef']);
    expect(read('"abc\\\n\t def \\\nghi"')).toEqual(['abcdef ghi']);
  });

  it('tracks lines through strings', () => {
    const ds = parseSExprs('"a\nbc" x\n"d\\\n   e" y');
    expect(ds.map((d) => [d.kind, d.line, d.column])).toEqual([
      ['string', 1, 1],
      ['symbol', 2, 5],
      ['string', 3, 1],
      ['symbol', 4, 7],
    ]);
  });

  it('counts columns in UTF-16 code units', () => {
    const ds = parseSExprs('"😀" a "é\\n" b');
    expect(ds.map((d) => d.column)).toEqual([1, 6, 8, 14]);
  });

  it('refuses an unterminated string, at its opening quote', () => {
    const e = syntaxError('(a\n  "never closed)\n');
    expect([e.line, e.column]).toEqual([2, 3]);
    expect(e.reason).toBe('unterminated string: missing closing \'"\'');
    expect(syntaxError('"abc\\').reason).toContain('unterminated string');
    expect(syntaxError('"abc\\"').reason).toContain('unterminated string');
  });

  it('refuses an unknown escape, at its backslash', () => {
    const e = syntaxError('(a\n "ok \\q")');
    expect([e.line, e.column]).toEqual([2, 6]);
    expect(e.reason).toBe("unknown escape '\\q' in string");
    const f = syntaxError('"line1\nab\\z"');
    expect([f.line, f.column]).toEqual([2, 3]);
  });

  it('refuses malformed hexadecimal escapes', () => {
    const x = syntaxError('"\\x4"');
    expect([x.line, x.column]).toEqual([1, 2]);
    expect(x.reason).toBe("bad escape '\\x' in string: expected two hexadecimal digits");
    expect(syntaxError('"\\xg1"').reason).toContain("bad escape '\\x'");
    expect(syntaxError('"\\x;"').reason).toContain("bad escape '\\x'");
    const u = syntaxError('"ab\\u12"');
    expect(u.column).toBe(4);
    expect(u.reason).toBe("bad escape '\\u' in string: expected 4 hexadecimal digits");
    expect(syntaxError('"\\U1F600"').reason).toBe("bad escape '\\U' in string: expected 6 hexadecimal digits");
  });

  it('refuses escapes that are not Unicode scalar values', () => {
    expect(syntaxError('"\\ud800"').reason).toBe("escape '\\ud800' is not a Unicode scalar value");
    expect(syntaxError('"\\U110000"').reason).toContain('not a Unicode scalar value');
    expect(syntaxError('"\\xDFFF;"').reason).toContain('not a Unicode scalar value');
  });
});

describe('symbols and numbers', () => {
  it('reads integers, decimals and exponents as numbers, keeping their text', () => {
    const ds = parseSExprs('1 -2 +3 0.5 .25 -.5 1. 1e3 2.5E-2 -1e+2 007');
    expect(ds.map((d) => d.kind)).toEqual(Array(11).fill('number'));
    expect(ds.map((d) => (d.kind === 'number' ? d.value : NaN))).toEqual([1, -2, 3, 0.5, 0.25, -0.5, 1, 1000, 0.025, -100, 7]);
    expect(ds.map((d) => (d.kind === 'number' ? d.text : ''))).toEqual(
      '1 -2 +3 0.5 .25 -.5 1. 1e3 2.5E-2 -1e+2 007'.split(' '),
    );
  });

  it("reads Guile's infinities as numbers", () => {
    const ds = parseSExprs('+inf.0 -inf.0');
    expect(ds.map((d) => (d.kind === 'number' ? [d.value, d.text] : d.kind))).toEqual([
      [Infinity, '+inf.0'],
      [-Infinity, '-inf.0'],
    ]);
  });

  it('reads look-alikes of numbers as symbols', () => {
    expect(read('- + . ... 1+ 1e 1e+ -. 1.2.3 0x10 1/2 +inf inf.0 +nan.0 #t #f abc-1')).toEqual(
      ['-', '+', '.', '...', '1+', '1e', '1e+', '-.', '1.2.3', '0x10', '1/2', '+inf', 'inf.0', '+nan.0', '#t', '#f', 'abc-1'].map((s) => `sym:${s}`),
    );
  });

  it('reads unicode symbols', () => {
    expect(read('(λ Núria 😀)')).toEqual([['sym:λ', 'sym:Núria', 'sym:😀']]);
  });

  it('ends a symbol at a delimiter', () => {
    expect(read('(a"s"b)')).toEqual([['sym:a', 's', 'sym:b']]);
    expect(read('a;c\nb')).toEqual(['sym:a', 'sym:b']);
    expect(read('(a[b]c)')).toEqual([['sym:a', ['sym:b'], 'sym:c']]);
  });
});

describe('quote syntax', () => {
  it.each([
    ["'(a)", "'", 1],
    ['(a `b)', '`', 4],
    ['(a ,b)', ',', 4],
    ['(a ,@b)', ',', 4],
  ])('refuses %s', (text, ch, column) => {
    const e = syntaxError(text);
    expect(e.reason).toBe(`quote syntax '${ch}' is Scheme, not Atomese`);
    expect([e.line, e.column]).toEqual([1, column]);
  });
});

describe('the push parser', () => {
  it('hands out datums as soon as they are complete', () => {
    const got: Plain[] = [];
    const p = new SExprParser((d) => got.push(plain(d)));
    p.push('(a) (b');
    expect(got).toEqual([['sym:a']]);
    p.push(' c)');
    expect(got).toEqual([['sym:a'], ['sym:b', 'sym:c']]);
    p.push(' d');
    expect(got).toHaveLength(2);
    p.end();
    expect(got).toEqual([['sym:a'], ['sym:b', 'sym:c'], 'sym:d']);
  });

  it('reports its position', () => {
    const p = new SExprParser(() => undefined);
    p.push('(a)\n  (b)');
    expect(p.position).toEqual({ line: 2, column: 6 });
  });

  it('refuses input after the end', () => {
    const p = new SExprParser(() => undefined);
    p.end();
    expect(() => p.push('(a)')).toThrow('SExprParser.push after end');
  });

  it('ends only once', () => {
    const got: SExpr[] = [];
    const p = new SExprParser((d) => got.push(d));
    p.push('a');
    p.end();
    p.end();
    expect(got).toHaveLength(1);
  });
});
