import { readFileSync } from 'node:fs';
import { AtomSpace, executeQuery, isAtomValue, parseAtomese, truthValueToJson, type Atom } from '@ai-opencog/atomspace';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { InputError } from '../cli-errors';
import {
  collect,
  declareUserTypes,
  positiveInt,
  withCommonOptions,
  type CommandContext,
  type CommonOptions,
} from '../command-context';
import { loadKnowledgeBases } from '../knowledge-base-loader';
import { printAtom, printValue, type OutputOptions } from '../output-format';

export interface QueryCommandOptions extends OutputOptions {
  kb: string[];
  timeLimitMs?: number;
  maxResults?: number;
}

const QUERY_TYPES = ['GetLink', 'BindLink', 'QueryLink', 'MeetLink', 'SatisfactionLink'];

/**
 * `ai-opencog query --kb FILE... QUERY`: loads the knowledge bases, executes the query (Atomese
 * text, or `@path` of a file holding it) and prints the SetLink (Get, Bind), the LinkValue
 * (Meet, Query) or the truth value (Satisfaction).
 */
export async function runQuery(space: AtomSpace, queryArg: string, options: QueryCommandOptions, io: CliIo): Promise<void> {
  const { text, file } = readQueryText(queryArg);
  await loadKnowledgeBases(space, options.kb, io);
  const query = parseQuery(space, text, file);
  const result = executeQuery(space, query, {
    timeLimitMs: options.timeLimitMs,
    maxResults: options.maxResults,
    signal: io.signal,
  });
  switch (result.kind) {
    case 'set':
      printAtom(io.stdout, result.atom, space, options);
      break;
    case 'value':
      printValue(io.stdout, result.value, options);
      break;
    case 'tv':
      io.stdout.write(options.json ? `${JSON.stringify(truthValueToJson(result.tv))}\n` : `${result.tv.toString()}\n`);
      break;
  }
  if (!result.complete) {
    io.stderr.write(`ai-opencog: note: stopped at --max-results ${options.maxResults}; there may be more results\n`);
  }
}

function readQueryText(arg: string): { text: string; file: string } {
  if (!arg.startsWith('@')) return { text: arg, file: '<query>' };
  const file = arg.slice(1);
  try {
    return { text: readFileSync(file, 'utf8'), file };
  } catch (e) {
    throw new InputError(`cannot read query file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function parseQuery(space: AtomSpace, text: string, file: string): Atom {
  const items = parseAtomese(space, text, { file });
  if (items.length !== 1) throw new InputError(`${file}: expected one query, got ${items.length} expressions`);
  const item = items[0];
  if (!isAtomValue(item) || !QUERY_TYPES.includes(item.type.name)) {
    const what = isAtomValue(item) ? item.type.name : `a ${item.kind} value`;
    throw new InputError(`${file}: the query must be a ${QUERY_TYPES.join(', ')}; got ${what}`);
  }
  return item;
}

export function registerQueryCommand(program: Command, ctx: CommandContext): void {
  withCommonOptions(
    program
      .command('query')
      .description('load knowledge bases and execute a Get, Bind, Query, Meet or Satisfaction link')
      .argument('<QUERY>', 'the query as Atomese text, or @FILE to read it from a file')
      .requiredOption('--kb <FILE>', 'an Atomese file to load first (repeatable)', collect)
      .option('--compact', 'print results on one line', false)
      .option('--time-limit <MS>', 'stop the query after this many milliseconds', positiveInt('--time-limit'))
      .option('--max-results <N>', 'stop after this many results', positiveInt('--max-results')),
  ).action(
    async (query: string, o: CommonOptions & { kb: string[]; compact: boolean; timeLimit?: number; maxResults?: number }) => {
      declareUserTypes(ctx, o);
      await runQuery(
        ctx.space,
        query,
        { kb: o.kb, json: o.json, compact: o.compact, timeLimitMs: o.timeLimit, maxResults: o.maxResults },
        ctx.io,
      );
    },
  );
}
