#!/usr/bin/env node
/** The `ai-opencog-knowledge` command (see knowledge-cli.ts). */
import { runKnowledgeCli } from './knowledge-cli';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

runKnowledgeCli(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr }).then(
  (status) => {
    process.exitCode = status;
  },
  (e: unknown) => {
    process.stderr.write(`ai-opencog-knowledge: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  },
);
