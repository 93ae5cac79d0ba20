/*
 * Preloaded into every Node process of the images (`node --require /app/docker/runtime/env-from-secrets.js ...`):
 * secrets are mounted as files (Docker secrets in /run/secrets, Kubernetes Secret volumes), the
 * programs read environment variables. Before the program starts, this
 *
 * 1. reads NAME from the file NAME_FILE names, for the secret variables listed in SECRET_VARIABLES
 *    (a variable already set wins; API_TOKENS_FILE is read by the services themselves);
 *    NEO4J_AUTH_FILE (the Neo4j image's `user/password` file) gives NEO4J_USER and NEO4J_PASSWORD;
 * 2. builds DATABASE_URL from DATABASE_HOST, DATABASE_PORT (5432), DATABASE_USER, DATABASE_PASSWORD
 *    and DATABASE_NAME when DATABASE_URL is not set, and REDIS_URL from REDIS_HOST, REDIS_PORT
 *    (6379) and REDIS_PASSWORD likewise (the password URL-encoded);
 * 3. keeps only the backend STORAGE_BACKEND names (postgres, neo4j or pglite) for the knowledge
 *    service, which refuses DATABASE_URL and NEO4J_URL together.
 *
 * It never prints a value. Plain Node, no dependencies.
 */
'use strict';

const { readFileSync } = require('node:fs');

const SECRET_VARIABLES = ['DATABASE_URL', 'DATABASE_PASSWORD', 'NEO4J_PASSWORD', 'REDIS_URL', 'REDIS_PASSWORD', 'KNOWLEDGE_TOKEN', 'AI_OPENCOG_TOKEN'];

function fromFiles(env) {
  for (const name of SECRET_VARIABLES) {
    const file = env[`${name}_FILE`];
    if (!file || env[name]) continue;
    try {
      env[name] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      process.stderr.write(`${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), msg: `cannot read ${name}_FILE (${file}): ${e.code || e.message}` })}\n`);
      process.exit(2);
    }
  }
}

function neo4jAuth(env) {
  const file = env.NEO4J_AUTH_FILE;
  if (!file || env.NEO4J_PASSWORD) return;
  let text;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (e) {
    process.stderr.write(`${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), msg: `cannot read NEO4J_AUTH_FILE (${file}): ${e.code || e.message}` })}\n`);
    process.exit(2);
  }
  const slash = text.indexOf('/');
  if (slash <= 0) return;
  env.NEO4J_USER = env.NEO4J_USER || text.slice(0, slash);
  env.NEO4J_PASSWORD = text.slice(slash + 1);
}

function urls(env) {
  if (!env.DATABASE_URL && env.DATABASE_HOST) {
    const user = encodeURIComponent(env.DATABASE_USER || 'aiopencog');
    const password = env.DATABASE_PASSWORD ? `:${encodeURIComponent(env.DATABASE_PASSWORD)}` : '';
    const db = encodeURIComponent(env.DATABASE_NAME || 'aiopencog');
    env.DATABASE_URL = `postgres://${user}${password}@${env.DATABASE_HOST}:${env.DATABASE_PORT || 5432}/${db}`;
  }
  if (!env.REDIS_URL && env.REDIS_HOST) {
    const password = env.REDIS_PASSWORD ? `:${encodeURIComponent(env.REDIS_PASSWORD)}@` : '';
    env.REDIS_URL = `redis://${password}${env.REDIS_HOST}:${env.REDIS_PORT || 6379}`;
  }
}

function backend(env) {
  const chosen = env.STORAGE_BACKEND;
  if (!chosen) return;
  if (chosen === 'postgres') {
    delete env.NEO4J_URL;
  } else if (chosen === 'neo4j') {
    delete env.DATABASE_URL;
  } else if (chosen === 'pglite') {
    delete env.DATABASE_URL;
    delete env.NEO4J_URL;
  } else {
    process.stderr.write(`${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), msg: `STORAGE_BACKEND must be postgres, neo4j or pglite, got '${chosen}'` })}\n`);
    process.exit(2);
  }
}

function apply(env) {
  fromFiles(env);
  neo4jAuth(env);
  urls(env);
  backend(env);
  return env;
}

apply(process.env);

module.exports = { apply, SECRET_VARIABLES };
