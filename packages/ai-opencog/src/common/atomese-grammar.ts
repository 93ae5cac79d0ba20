import type { TypeEntry } from './atom-type-info';

/*
 * The TextMate grammar of Atomese (scope `source.atomese`), made from the type hierarchy so that
 * node types, link types and values each get their own scope: comments (`;`, `#| |#`, `#! !#`),
 * strings with escapes, numbers, `(stv ...)`/`(ctv ...)`/`(av ...)` and keyed values, the
 * Scheme forms Atomese files use (`define`, `use-modules`, `cog-set-tv!` ...), variable names.
 */

export const ATOMESE_LANGUAGE_ID = 'atomese';
export const ATOMESE_SCOPE = 'source.atomese';
export const ATOMESE_EXTENSIONS = ['.scm', '.atomese'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function alternation(names: string[]): string {
  // Longest first, so that `ConceptNode` wins over `Concept`.
  return [...new Set(names)].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(escape).join('|');
}

export function atomeseGrammar(types: TypeEntry[]): object {
  const nodeNames: string[] = [];
  const linkNames: string[] = [];
  for (const t of types) {
    const target = t.kind === 'node' ? nodeNames : t.kind === 'link' ? linkNames : undefined;
    if (!target) continue;
    target.push(t.name);
    if (t.shortName) target.push(t.shortName);
  }
  const head = (names: string) => `(?<=[(\\[])\\s*(${names})(?=[\\s()\\[\\]";]|$)`;
  return {
    scopeName: ATOMESE_SCOPE,
    name: 'Atomese',
    fileTypes: ATOMESE_EXTENSIONS.map((e) => e.slice(1)),
    patterns: [{ include: '#expression' }],
    repository: {
      expression: {
        patterns: [
          { include: '#comment' },
          { include: '#variable' },
          { include: '#string' },
          { include: '#number' },
          { include: '#value' },
          { include: '#scheme' },
          { include: '#node-type' },
          { include: '#link-type' },
          { include: '#other-type' },
          { include: '#bracket' },
          { include: '#symbol' },
        ],
      },
      comment: {
        patterns: [
          { name: 'comment.line.semicolon.atomese', match: ';.*$' },
          { name: 'comment.block.atomese', begin: '#\\|', end: '\\|#' },
          { name: 'comment.block.atomese', begin: '#!', end: '!#' },
          { name: 'comment.block.datum.atomese', match: '#;' },
        ],
      },
      string: {
        name: 'string.quoted.double.atomese',
        begin: '"',
        end: '"',
        patterns: [{ name: 'constant.character.escape.atomese', match: '\\\\(?:x[0-9A-Fa-f]+;?|u[0-9A-Fa-f]{4}|.)' }],
      },
      variable: {
        // the name of a VariableNode or GlobNode: `(Variable "$x")`
        match: `(?<=[(\\[])\\s*(${alternation(['VariableNode', 'Variable', 'GlobNode', 'Glob'])})\\s+("[^"]*")`,
        captures: { '1': { name: 'storage.type.node.atomese' }, '2': { name: 'variable.other.atomese' } },
      },
      number: {
        name: 'constant.numeric.atomese',
        match: '(?<![\\w$!?*<>=/+.-])[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?(?![\\w.])',
      },
      value: {
        match: head('stv|ctv|av|FloatValue|StringValue|LinkValue|alist|cons'),
        captures: { '1': { name: 'support.function.value.atomese' } },
      },
      scheme: {
        match: head('define|use-modules|setlocale|cog-set-tv!|cog-set-av!|cog-set-value!|quote|lambda|let|begin'),
        captures: { '1': { name: 'keyword.control.atomese' } },
      },
      'node-type': {
        match: head(alternation(nodeNames)),
        captures: { '1': { name: 'storage.type.node.atomese' } },
      },
      'link-type': {
        match: head(alternation(linkNames)),
        captures: { '1': { name: 'entity.name.type.link.atomese' } },
      },
      'other-type': {
        // user types such as GeneNode, declared outside the file
        match: '(?<=[(\\[])\\s*([A-Z][A-Za-z0-9_]*(?:Node|Link))(?=[\\s()\\[\\]";]|$)',
        captures: { '1': { name: 'entity.name.type.atomese' } },
      },
      bracket: { name: 'punctuation.section.parens.atomese', match: '[()\\[\\]]' },
      symbol: { name: 'variable.other.symbol.atomese', match: "[A-Za-z_!?*<>=/+\\-][\\w!?*<>=/+\\-.:']*" },
    },
  };
}

/** Brackets, comments, auto-closing and the word pattern, for Monaco's language configuration. */
export const ATOMESE_LANGUAGE_CONFIGURATION = {
  comments: { lineComment: ';', blockComment: ['#|', '|#'] as [string, string] },
  brackets: [
    ['(', ')'],
    ['[', ']'],
  ] as [string, string][],
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: '"', close: '"' },
  ],
  wordPattern: /[A-Za-z_$][\w$!?*<>=/+\-.]*/,
};
