/**
 * Validation of Kubernetes objects without a cluster:
 * - kubernetes-models (the API's OpenAPI schemas as JSON Schema): types, required fields, enums,
 *   formats;
 * - @kubernetes/client-node's model classes (generated from the same OpenAPI document): the fields
 *   each type has, so that an unknown field (a typo, a field at the wrong level) is reported —
 *   the API server would drop it silently, or refuse it with strict field validation.
 */
import { execFileSync } from 'node:child_process';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: any;
}

type ModelClass = new (data: unknown) => { validate(): void };

/** The kubernetes-models class of an object's apiVersion and kind. */
function modelClass(apiVersion: string, kind: string): ModelClass {
  const module = apiVersion === 'v1' ? 'kubernetes-models/v1' : `kubernetes-models/${apiVersion}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports = require(module) as Record<string, ModelClass>;
  const cls = exports[kind];
  if (!cls) throw new Error(`kubernetes-models has no ${kind} in ${apiVersion}`);
  return cls;
}

/** Schema errors (kubernetes-models' AJV message), or []. */
export function schemaErrors(obj: K8sObject): string[] {
  try {
    const Cls = modelClass(obj.apiVersion, obj.kind);
    new Cls(obj).validate();
    return [];
  } catch (e) {
    return [`${obj.kind}/${obj.metadata?.name}: ${e instanceof Error ? e.message : String(e)}`];
  }
}

/**
 * Every model class of @kubernetes/client-node with its fields (name -> type). The package is an
 * ES module, which Jest's CommonJS sandbox cannot load: a plain Node process (which can) reads the
 * classes' attribute maps once and hands them over as JSON.
 */
let models: Record<string, Record<string, string>> | undefined;
function modelFields(): Record<string, Record<string, string>> {
  models ??= JSON.parse(
    execFileSync(
      process.execPath,
      [
        '-e',
        `const k8s = require('@kubernetes/client-node');
         const out = {};
         for (const [name, cls] of Object.entries(k8s)) {
           if (typeof cls === 'function' && typeof cls.getAttributeTypeMap === 'function') {
             out[name] = Object.fromEntries(cls.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
           }
         }
         process.stdout.write(JSON.stringify(out));`,
      ],
      { cwd: __dirname, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    ),
  ) as Record<string, Record<string, string>>;
  return models;
}

function clientModel(apiVersion: string, kind: string): Record<string, string> {
  const version = apiVersion.split('/').pop()!; // v1, v2, v1beta1 ...
  const name = `${version[0]!.toUpperCase()}${version.slice(1)}${kind}`;
  const fields = modelFields()[name];
  if (!fields) throw new Error(`@kubernetes/client-node has no model ${name}`);
  return fields;
}

function walk(value: unknown, type: string, path: string, out: string[]): void {
  if (value === null || value === undefined) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (!Array.isArray(value)) out.push(`${path}: expected a list`);
    else value.forEach((v, i) => walk(v, array[1]!, `${path}[${i}]`, out));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (typeof value !== 'object' || Array.isArray(value)) out.push(`${path}: expected a mapping`);
    else for (const [k, v] of Object.entries(value)) walk(v, map[1]!, `${path}.${k}`, out);
    return;
  }
  const model = modelFields()[type];
  if (!model) return; // string, number, IntOrString, object, any ...
  if (typeof value !== 'object' || Array.isArray(value)) {
    out.push(`${path}: expected an object (${type})`);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    const t = model[k];
    if (t === undefined) out.push(`${path}.${k}: unknown field of ${type}`);
    else walk(v, t, `${path}.${k}`, out);
  }
}

/** Fields the object's type does not have, as paths (`Deployment/x.spec.template.spec.containers[0].imagePullPolcy`). */
export function unknownFields(obj: K8sObject): string[] {
  const out: string[] = [];
  const fields = clientModel(obj.apiVersion, obj.kind);
  for (const [k, v] of Object.entries(obj)) {
    const t = fields[k];
    if (t === undefined) out.push(`${obj.kind}/${obj.metadata?.name}.${k}: unknown field`);
    else walk(v, t, `${obj.kind}/${obj.metadata?.name}.${k}`, out);
  }
  return out;
}
