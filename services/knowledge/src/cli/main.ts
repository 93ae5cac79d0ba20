#!/usr/bin/env node
/** The `ai-opencog-knowledge` command (see knowledge-cli.ts). */
import { runKnowledgeCli } from './knowledge-cli';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// The first Ctrl-C (or SIGTERM) cancels the backup or restore cleanly; a second one exits at once.
const cancel = new AbortController();
const stop = () => {
  if (cancel.signal.aborted) process.exit(130);
  cancel.abort(new Error('cancelled'));
};
process.on('SIGINT', stop).on('SIGTERM', stop);

runKnowledgeCli(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr, signal: cancel.signal }).then(
  (status) => {
    process.exitCode = status;
  },
  (e: unknown) => {
    process.stderr.write(`ai-opencog-knowledge: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  },
);
