// Request bodies are validated at the edge against JSON Schemas compiled once; failures are 422 with
// JSON Pointer paths (CONTRACT.md), messages in Vietnamese and English (@dondoc/metadata's table).
import { ajvIssue, createAjv } from '@dondoc/metadata';
import { invalid } from './errors.js';

const ajv = createAjv({ strictSchema: false });

/** A validator of bodies against `schema`; `.schema` is the schema itself (RouteSpec.body, the OpenAPI document). */
export function bodyValidator<T>(schema: object): ((body: unknown) => T) & { schema: object } {
  const v = ajv.compile(schema);
  const validate = (body: unknown): T => {
    if (!v(body)) {
      throw invalid((v.errors ?? []).map((e) => ajvIssue(e)));
    }
    return body as T;
  };
  return Object.assign(validate, { schema });
}
