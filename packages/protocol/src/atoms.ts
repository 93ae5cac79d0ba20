import { z } from 'zod';
import { exactlyOne, pageSchema } from './fields';
import { LIMITS } from './limits';

/*
 * The JSON form of atoms and values, as the kernel writes it (`atomToJson` in
 * packages/atomspace/src/codec/atom-json.ts): `{type, name}` for nodes, `{type, outgoing}` for
 * links, plus `tv`, `av` and keyed `values` when not default. The types are declared here, not
 * imported, because this package runs in browsers and must not depend on the kernel; the kernel's
 * JSON is assignable to them.
 */

/** `stv` (type may be left out) or `ctv` (with a count). */
export interface TruthValueJson {
  type?: 'stv' | 'ctv';
  strength: number;
  confidence: number;
  count?: number;
}

export interface AttentionValueJson {
  sti: number;
  lti: number;
  vlti?: number;
}

export type ValueJson =
  | ({ kind: 'tv' } & TruthValueJson)
  | ({ kind: 'av' } & AttentionValueJson)
  | { kind: 'float'; items: number[] }
  | { kind: 'string'; items: string[] }
  | { kind: 'link'; items: (ValueJson | { kind: 'atom'; atom: AtomJson })[] };

export interface AtomJson {
  type: string;
  name?: string;
  outgoing?: AtomJson[];
  tv?: TruthValueJson;
  av?: AttentionValueJson;
  values?: { key: AtomJson; value: ValueJson }[];
}

/** A type name in full (`ConceptNode`) or short (`Concept`) form, or a user type (`GeneNode`). */
export const typeNameSchema = z
  .string()
  .max(LIMITS.typeName)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a type name is a CamelCase identifier such as ConceptNode');

/** A service's handle of an atom: opaque, unique in its space or base while the atom lives. */
export const handleSchema = z
  .string()
  .regex(/^[A-Za-z0-9:._-]{1,128}$/, 'a handle is 1-128 letters, digits, ":", ".", "_" or "-"');

const unit = z.number().min(0).max(1);

const truthValueShape = {
  type: z.enum(['stv', 'ctv']).optional(),
  strength: unit,
  confidence: unit,
  count: z.number().min(0).optional(),
};

const ctvHasCount = (tv: { type?: string; count?: number }) => tv.type !== 'ctv' || tv.count !== undefined;
const ctvHasCountMessage = { message: 'a ctv has a count', path: ['count'] };

export const truthValueJsonSchema: z.ZodType<TruthValueJson, TruthValueJson> = z
  .object(truthValueShape)
  .refine(ctvHasCount, ctvHasCountMessage)
  .meta({ id: 'TruthValue', description: 'SimpleTruthValue (stv) or CountTruthValue (ctv)' });

const attentionValueShape = { sti: z.number(), lti: z.number(), vlti: z.number().optional() };

export const attentionValueJsonSchema: z.ZodType<AttentionValueJson, AttentionValueJson> = z
  .object(attentionValueShape)
  .meta({ id: 'AttentionValue', description: 'short-, long- and very-long-term importance' });

export const valueJsonSchema: z.ZodType<ValueJson, ValueJson> = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('tv'), ...truthValueShape }).refine(ctvHasCount, ctvHasCountMessage),
    z.object({ kind: z.literal('av'), ...attentionValueShape }),
    z.object({ kind: z.literal('float'), items: z.array(z.number()).max(LIMITS.valueItems) }),
    z.object({ kind: z.literal('string'), items: z.array(z.string().max(LIMITS.atomName)).max(LIMITS.valueItems) }),
    z.object({
      kind: z.literal('link'),
      get items() {
        return z
          .array(z.union([z.object({ kind: z.literal('atom'), atom: atomJsonSchema }), valueJsonSchema]))
          .max(LIMITS.valueItems);
      },
    }),
  ])
  .meta({ id: 'Value', description: 'A value as the kernel writes it, by kind' });

export const atomJsonSchema: z.ZodType<AtomJson, AtomJson> = z
  .object({
    type: typeNameSchema,
    name: z.string().max(LIMITS.atomName).optional(),
    get outgoing() {
      return z.array(atomJsonSchema).max(LIMITS.arity).optional();
    },
    tv: truthValueJsonSchema.optional(),
    av: attentionValueJsonSchema.optional(),
    get values() {
      return z
        .array(z.object({ key: atomJsonSchema, value: valueJsonSchema }))
        .max(LIMITS.valuesPerAtom)
        .optional();
    },
  })
  .refine((a) => (a.name === undefined) !== (a.outgoing === undefined), {
    message: 'an atom has either a name (a node) or an outgoing set (a link)',
  })
  .meta({ id: 'Atom', description: 'An atom: {type, name} for a node, {type, outgoing} for a link' });

/** One line of Atomese: a query, a source, a target, a declaration. */
export const atomeseExpressionSchema = z.string().min(1).max(LIMITS.atomeseExpression);

/** An atom as a service lists it: its handle, its JSON and, when asked, its Atomese. */
export const atomRecordSchema = z
  .object({
    handle: handleSchema,
    atom: atomJsonSchema,
    atomese: z.string().optional(),
  })
  .meta({ id: 'AtomRecord' });

/** Atoms to add: Atomese text (with a file name for error positions) or JSON atoms. */
export const atomsInputSchema = z
  .strictObject({
    atomese: z.string().max(LIMITS.atomeseText).optional(),
    file: z.string().min(1).max(LIMITS.fileName).optional(),
    atoms: z.array(atomJsonSchema).max(LIMITS.atomsPerRequest).optional(),
  })
  .refine((b) => exactlyOne(b, ['atomese', 'atoms']), {
    message: 'give either atomese (Atomese text) or atoms (JSON atoms)',
  })
  .refine((b) => b.file === undefined || b.atomese !== undefined, {
    message: 'file names the Atomese text; it goes with atomese',
    path: ['file'],
  })
  .meta({ id: 'AtomsInput' });

/** One atom named by its handle, its JSON or its Atomese. */
export const atomRefSchema = z
  .strictObject({
    handle: handleSchema.optional(),
    atom: atomJsonSchema.optional(),
    atomese: atomeseExpressionSchema.optional(),
  })
  .refine((r) => exactlyOne(r, ['handle', 'atom', 'atomese']), {
    message: 'name the atom by exactly one of handle, atom (JSON) or atomese',
  })
  .meta({ id: 'AtomRef' });

/** A page of atoms, as both services list them. */
export const atomPageSchema = pageSchema(atomRecordSchema).meta({ id: 'AtomPage' });

export const typeCountSchema = z.object({ type: typeNameSchema, count: z.number().int().min(0) }).meta({ id: 'TypeCount' });

export type AtomRecord = z.infer<typeof atomRecordSchema>;
export type AtomPage = z.infer<typeof atomPageSchema>;
export type AtomsInput = z.input<typeof atomsInputSchema>;
export type AtomRef = z.input<typeof atomRefSchema>;
export type TypeCount = z.infer<typeof typeCountSchema>;
