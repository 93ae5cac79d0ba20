import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, type IGrammar } from 'vscode-textmate';
import { typeEntries } from '../src/common/atom-type-info';
import { ATOMESE_LANGUAGE_CONFIGURATION, ATOMESE_SCOPE, atomeseGrammar } from '../src/common/atomese-grammar';

/* The grammar through the TextMate engine that Theia's Monaco uses (vscode-textmate + Oniguruma). */

let grammar: IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(join(require.resolve('vscode-oniguruma'), '..', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (scope === ATOMESE_SCOPE ? (atomeseGrammar(typeEntries()) as never) : null),
  });
  grammar = (await registry.loadGrammar(ATOMESE_SCOPE))!;
});

function tokens(line: string): [string, string][] {
  const { tokens: ts } = grammar.tokenizeLine(line, INITIAL);
  return ts.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]]);
}

function scopeOf(line: string, text: string): string | undefined {
  return tokens(line).find(([t]) => t.trim() === text)?.[1];
}

describe('the Atomese TextMate grammar', () => {
  const line = '(InheritanceLink (stv 0.9 0.8) (Concept "cat") (Variable "$x")) ; why';

  it('scopes node types, link types, values, strings, numbers, variables and comments', () => {
    expect(scopeOf(line, 'InheritanceLink')).toBe('entity.name.type.link.atomese');
    expect(scopeOf(line, 'Concept')).toBe('storage.type.node.atomese');
    expect(scopeOf(line, 'stv')).toBe('support.function.value.atomese');
    expect(scopeOf(line, '0.9')).toBe('constant.numeric.atomese');
    expect(scopeOf(line, '"$x"')).toBe('variable.other.atomese');
    expect(scopeOf(line, '; why')).toBe('comment.line.semicolon.atomese');
    expect(tokens(line).filter(([, s]) => s === 'string.quoted.double.atomese').map(([t]) => t).join('')).toContain('cat');
  });

  it('scopes Scheme forms and user types', () => {
    expect(scopeOf('(define x (Concept "a"))', 'define')).toBe('keyword.control.atomese');
    expect(scopeOf('(GeneNode "BRCA1")', 'GeneNode')).toBe('entity.name.type.atomese');
  });

  it('carries block comments across lines', () => {
    const first = grammar.tokenizeLine('#| starts (Concept "a")', INITIAL);
    const second = grammar.tokenizeLine('still |# (Concept "b")', first.ruleStack);
    expect(second.tokens[0].scopes).toContain('comment.block.atomese');
    expect(second.tokens.some((t) => t.scopes.includes('storage.type.node.atomese'))).toBe(true);
  });

  it('declares brackets and comments for bracket matching', () => {
    expect(ATOMESE_LANGUAGE_CONFIGURATION.brackets).toEqual([
      ['(', ')'],
      ['[', ']'],
    ]);
    expect(ATOMESE_LANGUAGE_CONFIGURATION.comments.lineComment).toBe(';');
  });
});
