/**
 * A plain object, told by prototype rather than constructor so objects made in another realm (a vm
 * context, structuredClone in a test environment) count too.
 */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}
