import { AtomSpace, TypeRegistry } from '@ai-opencog/atomspace';
import { Command, CommanderError } from 'commander';
import type { CliIo } from './cli-io';
import { EXIT_OK, EXIT_USAGE, formatError } from './cli-errors';
import { COMMANDS } from './commands';

const VERSION = '0.1.0';

/**
 * Runs the `ai-opencog` command line and resolves to its exit status: 0 success, 1 bad input,
 * 2 usage error, 130 cancelled. Each run has its own AtomSpace and type registry.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx = { space: new AtomSpace({ types: new TypeRegistry() }), io };
  const program = new Command('ai-opencog')
    .description('Load, print, query and reason over OpenCog Atomese knowledge bases.')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError("(run 'ai-opencog --help' for usage)")
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  for (const register of COMMANDS) register(program, ctx);

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
