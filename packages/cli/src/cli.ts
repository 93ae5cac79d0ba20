import { AtomSpace, TypeRegistry } from '@ai-opencog/atomspace';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { CliIo } from './cli-io';
import { EXIT_OK, EXIT_USAGE, formatError } from './cli-errors';
import { runLoad } from './commands/load-command';
import { runQuery } from './commands/query-command';
import { declareTypes } from './type-declarations';

const VERSION = '0.1.0';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function positiveInt(what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) {
      throw new InvalidArgumentError(`${what} must be a positive integer.`);
    }
    return n;
  };
}

interface TypeOptions {
  type: string[];
  types: string[];
}

/** Options every command that loads knowledge takes: user type declarations and output form. */
function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('--type <NAME:PARENT>', 'declare an atom type before loading, e.g. GeneNode:ConceptNode (repeatable)', collect, [])
    .option('--types <FILE>', "declare the atom types of an OpenCog atom_types.script file (repeatable)", collect, [])
    .option('--json', 'print machine-readable JSON', false);
}

/**
 * Runs the `ai-opencog` command line and resolves to its exit status: 0 success, 1 bad input,
 * 2 usage error, 130 cancelled.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const space = new AtomSpace({ types: new TypeRegistry() });
  const prepare = (o: TypeOptions) => declareTypes(space.types, o.type, o.types);
  const program = new Command('ai-opencog')
    .description('Load, print and query OpenCog Atomese knowledge bases.')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError("(run 'ai-opencog --help' for usage)")
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  withCommonOptions(
    program
      .command('load')
      .description('load Atomese files into one AtomSpace and print a count per atom type, or every atom')
      .argument('<FILE...>', 'Atomese (.scm) files, loaded in order')
      .option('--print', 'print every top-level atom, one per line, with its non-default values', false),
  ).action(async (files: string[], o: TypeOptions & { print: boolean; json: boolean }) => {
    prepare(o);
    await runLoad(space, files, { print: o.print, json: o.json }, io);
  });

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
    async (
      query: string,
      o: TypeOptions & { kb: string[]; json: boolean; compact: boolean; timeLimit?: number; maxResults?: number },
    ) => {
      prepare(o);
      await runQuery(
        space,
        query,
        { kb: o.kb, json: o.json, compact: o.compact, timeLimitMs: o.timeLimit, maxResults: o.maxResults },
        io,
      );
    },
  );

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT_OK : EXIT_USAGE;
    }
    const { line, status } = formatError(e);
    io.stderr.write(`${line}\n`);
    return status;
  }
}
