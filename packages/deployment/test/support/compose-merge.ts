/**
 * `docker compose -f compose.yaml -f compose.dev.yaml config`'s merge, for the parts of the
 * compose specification this project uses (https://github.com/compose-spec/compose-spec/blob/main/13-merge.md):
 * mappings merge recursively; `command`, `entrypoint` and `healthcheck.test` are replaced;
 * `environment`, `labels`, `extra_hosts`, `sysctls` merge by key (list forms turned into
 * mappings); `ports`, `expose`, `dns`, `tmpfs` and other scalar sequences are the union;
 * `volumes`, `secrets`, `configs` merge by target; `networks` and `depends_on` merge as mappings
 * (list forms turned into mappings); `develop.watch` entries are appended. No docker is needed.
 */
type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function keyValueMap(v: Json): Obj {
  if (Array.isArray(v)) {
    const out: Obj = {};
    for (const item of v as string[]) {
      const i = String(item).indexOf('=');
      if (i < 0) out[String(item)] = null;
      else out[String(item).slice(0, i)] = String(item).slice(i + 1);
    }
    return out;
  }
  return isObj(v) ? v : {};
}

function listToMap(v: Json): Obj {
  if (Array.isArray(v)) return Object.fromEntries((v as string[]).map((n) => [n, null]));
  return isObj(v) ? v : {};
}

function dependsOnMap(v: Json): Obj {
  if (Array.isArray(v)) return Object.fromEntries((v as string[]).map((n) => [n, { condition: 'service_started' }]));
  return isObj(v) ? v : {};
}

function mountTarget(v: Json): string {
  if (typeof v === 'string') {
    const parts = v.split(':');
    return parts.length === 1 ? parts[0]! : parts[1]!;
  }
  if (isObj(v)) return String(v.target ?? v.source ?? '');
  return JSON.stringify(v);
}

function secretTarget(v: Json): string {
  if (typeof v === 'string') return v;
  if (isObj(v)) return String(v.target ?? v.source);
  return JSON.stringify(v);
}

function byKey(base: Json, over: Json, key: (v: Json) => string): Json[] {
  const out = new Map<string, Json>();
  for (const v of (base as Json[]) ?? []) out.set(key(v), v);
  for (const v of (over as Json[]) ?? []) out.set(key(v), v);
  return [...out.values()];
}

function union(base: Json, over: Json): Json[] {
  const out: Json[] = [...((base as Json[]) ?? [])];
  for (const v of (over as Json[]) ?? []) if (!out.some((o) => JSON.stringify(o) === JSON.stringify(v))) out.push(v);
  return out;
}

function deepMerge(base: Json, over: Json): Json {
  if (isObj(base) && isObj(over)) {
    const out: Obj = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k in base ? deepMerge(base[k], v) : v;
    return out;
  }
  if (Array.isArray(base) && Array.isArray(over)) return union(base, over);
  return over;
}

export function mergeService(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (!(k in base)) {
      out[k] = v;
      continue;
    }
    switch (k) {
      case 'command':
      case 'entrypoint':
        out[k] = v;
        break;
      case 'environment':
      case 'labels':
      case 'extra_hosts':
      case 'sysctls':
        out[k] = { ...keyValueMap(base[k]), ...keyValueMap(v) };
        break;
      case 'volumes':
        out[k] = byKey(base[k], v, mountTarget);
        break;
      case 'secrets':
      case 'configs':
        out[k] = byKey(base[k], v, secretTarget);
        break;
      case 'networks':
        out[k] = deepMerge(listToMap(base[k]), listToMap(v));
        break;
      case 'depends_on':
        out[k] = deepMerge(dependsOnMap(base[k]), dependsOnMap(v));
        break;
      case 'healthcheck': {
        const merged = deepMerge(base[k], v) as Obj;
        if (isObj(v) && 'test' in v) merged.test = v.test;
        out[k] = merged;
        break;
      }
      case 'develop': {
        const b = (base[k] ?? {}) as Obj;
        const o = (v ?? {}) as Obj;
        out[k] = { ...b, ...o, watch: [...((b.watch as Json[]) ?? []), ...((o.watch as Json[]) ?? [])] };
        break;
      }
      default:
        out[k] = deepMerge(base[k], v);
    }
  }
  return out;
}

/** The merge of compose files, in order. */
export function mergeCompose(...files: Obj[]): Obj {
  let out: Obj = {};
  for (const file of files) {
    const next: Obj = { ...out };
    for (const [k, v] of Object.entries(file)) {
      if (k === 'services') {
        const services: Obj = { ...((out.services as Obj) ?? {}) };
        for (const [name, svc] of Object.entries(v as Obj)) {
          services[name] = name in services ? mergeService(services[name] as Obj, svc as Obj) : svc;
        }
        next.services = services;
      } else {
        next[k] = k in out ? deepMerge(out[k], v) : v;
      }
    }
    out = next;
  }
  return out;
}
