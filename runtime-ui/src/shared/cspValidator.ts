/**
 * An @rjsf validator that works under the engine's Content-Security-Policy (`script-src 'self'`: no
 * eval). ajv compiles each schema into a function with `new Function`, which that policy forbids; this
 * one interprets the schema with @cfworker/json-schema (no code generation) and hands rjsf the errors in
 * the shape ajv would, so rjsf's own error processing (titles, error schema, transformErrors) applies.
 * The engine validates every submission again with ajv on the server.
 */
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import type {
  CustomValidator,
  ErrorTransformer,
  RJSFSchema,
  UiSchema,
  ValidationData,
  ValidatorType,
} from '@rjsf/utils';
import { withIdRefPrefix } from '@rjsf/utils';
import processRawValidationErrors from '@rjsf/validator-ajv8/lib/processRawValidationErrors.js';

const ROOT_ID = '__rjsf_rootSchema';
/** Keywords that only summarise the errors of their sub-schemas. */
const WRAPPERS = new Set([
  'properties',
  'items',
  'prefixItems',
  'additionalProperties',
  'allOf',
  '$ref',
  'dependentSchemas',
  'if',
  'then',
  'else',
  'unevaluatedProperties',
  'contains',
]);

interface AjvLikeError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
  parentSchema?: unknown;
}

function pointerOf(location: string): string {
  return location.replace(/^#/, '');
}

function parentSchemaAt(root: unknown, keywordLocation: string): unknown {
  const parts = pointerOf(keywordLocation).split('/').filter(Boolean).slice(0, -1);
  let cur: unknown = root;
  for (const p of parts)
    cur =
      cur && typeof cur === 'object'
        ? (cur as Record<string, unknown>)[p.replace(/~1/g, '/').replace(/~0/g, '~')]
        : undefined;
  return cur;
}

const MESSAGES: Record<string, (p: Record<string, unknown>) => string> = {
  required: (p) => `must have required property '${String(p.missingProperty)}'`,
  type: (p) => `must be ${String(p.type)}`,
  minLength: (p) => `must NOT have fewer than ${String(p.limit)} characters`,
  maxLength: (p) => `must NOT have more than ${String(p.limit)} characters`,
  minimum: (p) => `must be >= ${String(p.limit)}`,
  maximum: (p) => `must be <= ${String(p.limit)}`,
  format: (p) => `must match format "${String(p.format)}"`,
  oneOf: () => 'must match exactly one schema in oneOf',
  enum: () => 'must be equal to one of the allowed values',
  minItems: (p) => `must NOT have fewer than ${String(p.limit)} items`,
  maxItems: (p) => `must NOT have more than ${String(p.limit)} items`,
};

/** @cfworker errors → ajv's ErrorObject shape (leaf errors only, not those inside oneOf/anyOf branches). */
export function toAjvErrors(schema: unknown, units: OutputUnit[]): AjvLikeError[] {
  const out: AjvLikeError[] = [];
  for (const u of units) {
    if (WRAPPERS.has(u.keyword)) continue;
    const loc = pointerOf(u.keywordLocation);
    if (/\/(oneOf|anyOf)\/\d+\//.test(loc)) continue;
    const parent = parentSchemaAt(schema, u.keywordLocation) as Record<string, unknown> | undefined;
    const params: Record<string, unknown> = {};
    if (u.keyword === 'required') params.missingProperty = /"([^"]+)"/.exec(u.error)?.[1] ?? '';
    if (u.keyword === 'type') params.type = parent?.type;
    if (u.keyword === 'format') params.format = parent?.format;
    if (['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'].includes(u.keyword))
      params.limit = parent?.[u.keyword];
    out.push({
      instancePath: pointerOf(u.instanceLocation),
      schemaPath: `#${loc}`,
      keyword: u.keyword,
      params,
      message: MESSAGES[u.keyword]?.(params) ?? u.error,
      parentSchema: parent,
    });
  }
  // The same problem reported twice (draft output repeats some): once is enough.
  return out.filter(
    (e, i) =>
      out.findIndex(
        (x) =>
          x.instancePath === e.instancePath &&
          x.keyword === e.keyword &&
          x.params.missingProperty === e.params.missingProperty,
      ) === i,
  );
}

export class CspValidator implements ValidatorType {
  rawValidation<Result = AjvLikeError>(
    schema: RJSFSchema,
    formData?: unknown,
  ): { errors?: Result[]; validationError?: Error } {
    try {
      const v = new Validator(schema as Schema, '2020-12', false);
      const r = v.validate(formData ?? {});
      return { errors: r.valid ? undefined : (toAjvErrors(schema, r.errors) as Result[]) };
    } catch (e) {
      return { validationError: e instanceof Error ? e : new Error(String(e)) };
    }
  }

  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    customValidate?: CustomValidator,
    transformErrors?: ErrorTransformer,
    uiSchema?: UiSchema,
  ): ValidationData<unknown> {
    const raw = this.rawValidation(schema, formData);
    return processRawValidationErrors(
      this,
      raw as never,
      formData,
      schema,
      customValidate,
      transformErrors,
      uiSchema,
    );
  }

  isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema): boolean {
    try {
      const v = new Validator(withIdRefPrefix(schema) as Schema, '2020-12', true);
      v.addSchema(rootSchema as Schema, ROOT_ID);
      return v.validate(formData).valid;
    } catch {
      return false;
    }
  }
}

export const cspValidator = new CspValidator();
