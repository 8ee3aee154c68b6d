/** One problem found in a metadata document. */
export interface ValidationIssue {
  /** JSON Pointer (RFC 6901) into the document, "" for the whole document. */
  path: string;
  message: string;
}

/** Escape one reference token of a JSON Pointer. */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Build a JSON Pointer from its tokens: pointer('states', 3) === '/states/3'. */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => '/' + escapePointerToken(t)).join('');
}
