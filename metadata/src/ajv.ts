import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Options } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is module.exports,
// whose `.default` is the plugin itself (at run time both are the same function).
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

/**
 * An ajv instance for draft 2020-12 with formats, reporting every error. strictSchema stays on so a typo
 * in a keyword (say "minLenght") is an error rather than a silently ignored annotation; the other strict
 * checks only log, and logging is off, so they are off.
 */
export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strictSchema: true,
    strictNumbers: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    discriminator: true,
    ...options,
  });
  addFormats(ajv);
  return ajv;
}

/**
 * The ajv instance form data schemas are compiled with. The engine must compile form schemas with the
 * same options so that what validation accepts here compiles there.
 */
export function createFormAjv(options: Options = {}): Ajv2020 {
  return createAjv({ discriminator: false, ...options });
}
