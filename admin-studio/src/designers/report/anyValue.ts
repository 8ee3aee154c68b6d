// A report filter's fixed operand as one line of text: JSON when it reads as a number, true/false or a
// list (`in`, `between`), text otherwise (a state key, a unit path).
export function parseAnyValue(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'number' || typeof v === 'boolean' || Array.isArray(v)) return v;
  } catch {
    /* not JSON: text */
  }
  return text;
}

export const formatAnyValue = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
