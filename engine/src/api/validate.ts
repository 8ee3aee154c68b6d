// Request bodies are validated at the edge against JSON Schemas compiled once; failures are 422 with
// JSON Pointer paths (CONTRACT.md).
import { createAjv } from '@dondoc/metadata';
import { invalid } from './errors.js';

const ajv = createAjv({ strictSchema: false });

export function bodyValidator<T>(schema: object) {
  const v = ajv.compile(schema);
  return (body: unknown): T => {
    if (!v(body)) {
      throw invalid(
        (v.errors ?? []).map((e) => {
          let path = e.instancePath;
          if (e.keyword === 'required') path += `/${(e.params as any).missingProperty}`;
          if (e.keyword === 'additionalProperties') path += `/${(e.params as any).additionalProperty}`;
          return { path, message: e.message ?? 'không hợp lệ' };
        }),
      );
    }
    return body as T;
  };
}
