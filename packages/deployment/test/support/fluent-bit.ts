/**
 * What docker/fluent-bit/fluent-bit.yaml does to a container's log line, replayed in JavaScript
 * (Fluent Bit itself is not packaged for Debian 12): the docker_json parser, the grep filter on
 * the container label, the pino parser on `log`, the nest lift of `attrs`, the modify copy and the
 * rewrite_tag audit rules, then which Elasticsearch output (index prefix) each record reaches.
 * Only the operations and options the configuration uses are implemented; anything else throws,
 * so the replay cannot silently differ from the file.
 */
import { readYaml } from './repo';

export interface FluentBitConfig {
  service: Record<string, unknown>;
  parsers: { name: string; format: string; time_key?: string; time_format?: string; time_keep?: string | boolean }[];
  pipeline: {
    inputs: Record<string, any>[];
    filters: Record<string, any>[];
    outputs: Record<string, any>[];
  };
}

export function loadFluentBit(): FluentBitConfig {
  return readYaml<FluentBitConfig>('docker/fluent-bit/fluent-bit.yaml');
}

/** strptime's directives used by the parsers, as a regular expression. */
export function timeFormatRegex(format: string): RegExp {
  const parts: Record<string, string> = { '%Y': '\\d{4}', '%m': '\\d{2}', '%d': '\\d{2}', '%H': '\\d{2}', '%M': '\\d{2}', '%S': '\\d{2}', '%L': '\\d{1,9}', '%z': '(?:Z|[+-]\\d{2}:?\\d{2})' };
  let re = '';
  for (let i = 0; i < format.length; i++) {
    if (format[i] === '%') {
      const d = format.slice(i, i + 2);
      if (!(d in parts)) throw new Error(`time_format directive ${d} is not understood by this replay`);
      re += parts[d];
      i++;
    } else {
      re += format[i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}

/** `$a['b']['c']` record accessor → path. */
function accessor(text: string): string[] {
  const m = /^\$([A-Za-z0-9_.-]+)((?:\['[^']+'\])*)$/.exec(text);
  if (!m) throw new Error(`record accessor not understood: ${text}`);
  return [m[1]!, ...[...m[2]!.matchAll(/\['([^']+)'\]/g)].map((x) => x[1]!)];
}

function get(record: Record<string, unknown>, path: string[]): unknown {
  let v: unknown = record;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

/** Fluent Bit's tag matching: `*` matches anything. */
function tagMatches(pattern: string, tag: string): boolean {
  return new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(tag);
}

export interface Shipped {
  tag: string;
  index: string;
  record: Record<string, unknown>;
}

/** Replays one json-file line of a container through the pipeline; returns what reaches Elasticsearch. */
export function replay(config: FluentBitConfig, dockerLine: string, containerId = 'abc123'): Shipped[] {
  const parsers = new Map(config.parsers.map((p) => [p.name, p]));
  const input = config.pipeline.inputs[0]!;
  if (input.name !== 'tail') throw new Error('the replay knows the tail input only');
  const parse = (name: string, text: string): Record<string, unknown> | undefined => {
    const p = parsers.get(name);
    if (!p) throw new Error(`parser ${name} is not defined`);
    if (p.format !== 'json') throw new Error(`parser format ${p.format} not replayed`);
    try {
      const value = JSON.parse(text);
      if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
      if (p.time_key && value[p.time_key] !== undefined && !timeFormatRegex(p.time_format!).test(String(value[p.time_key]))) {
        throw new Error(`parser ${name}: time ${value[p.time_key]} does not match ${p.time_format}`);
      }
      return value;
    } catch (e) {
      if (e instanceof SyntaxError) return undefined;
      throw e;
    }
  };
  let records: { tag: string; record: Record<string, unknown> }[] = [];
  const first = parse(input.parser, dockerLine);
  if (!first) return [];
  records.push({ tag: String(input.tag).replace('*', `var.lib.docker.containers.${containerId}.${containerId}-json.log`), record: first });

  for (const f of config.pipeline.filters) {
    const next: typeof records = [];
    for (const r of records) {
      if (!tagMatches(f.match, r.tag)) {
        next.push(r);
        continue;
      }
      switch (f.name) {
        case 'grep': {
          const [key, ...re] = String(f.regex).split(' ');
          const v = get(r.record, accessor(key!));
          if (v !== undefined && new RegExp(re.join(' ')).test(String(v))) next.push(r);
          break;
        }
        case 'parser': {
          const raw = r.record[f.key_name];
          const parsed = typeof raw === 'string' ? parse(f.parser, raw.trim()) : undefined;
          if (!parsed) next.push(r);
          else {
            const rest = { ...r.record };
            if (f.preserve_key !== 'on' && f.preserve_key !== true) delete rest[f.key_name];
            next.push({ tag: r.tag, record: f.reserve_data === 'on' || f.reserve_data === true ? { ...rest, ...parsed } : parsed });
          }
          break;
        }
        case 'nest': {
          if (f.operation !== 'lift') throw new Error('nest: only lift is replayed');
          const nested = r.record[f.nested_under];
          const record = { ...r.record };
          if (nested && typeof nested === 'object') {
            delete record[f.nested_under];
            for (const [k, v] of Object.entries(nested)) record[`${f.add_prefix ?? ''}${k}`] = v;
          }
          next.push({ tag: r.tag, record });
          break;
        }
        case 'modify': {
          const record = { ...r.record };
          const [from, to] = String(f.copy).split(' ');
          if (record[from!] !== undefined && record[to!] === undefined) record[to!] = record[from!];
          next.push({ tag: r.tag, record });
          break;
        }
        case 'rewrite_tag': {
          let emitted = false;
          for (const rule of f.rule as string[]) {
            const [key, re, newTag, keep] = rule.split(' ');
            const v = get(r.record, accessor(key!));
            if (v !== undefined && new RegExp(re!).test(String(v))) {
              next.push({ tag: newTag!.replace('$TAG', r.tag), record: r.record });
              if (keep === 'true') next.push(r);
              emitted = true;
              break;
            }
          }
          if (!emitted) next.push(r);
          break;
        }
        default:
          throw new Error(`filter ${f.name} is not replayed`);
      }
    }
    records = next;
  }
  const shipped: Shipped[] = [];
  for (const r of records) {
    const out = config.pipeline.outputs.find((o) => tagMatches(o.match, r.tag));
    if (out) shipped.push({ tag: r.tag, index: out.logstash_prefix, record: r.record });
  }
  return shipped;
}

/** A line as Docker's json-file driver writes it, with the labels compose's logging options add. */
export function dockerLine(log: string, labels: Record<string, string>): string {
  return JSON.stringify({ log: `${log}\n`, stream: 'stdout', attrs: { ...labels, tag: 'ai-opencog-knowledge-1' }, time: '2026-01-02T03:04:05.123456789Z' });
}
