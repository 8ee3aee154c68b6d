/** One problem found in a metadata document. */
export interface ValidationIssue {
  /** JSON Pointer (RFC 6901) into the document, "" for the whole document. */
  path: string;
  /** Vietnamese: the platform's first language (what administrators read by default). */
  message: string;
  /** English, answered instead when the request prefers it (Accept-Language: en). */
  messageEn: string;
}

/** A message in both languages: Vietnamese first, English beside. */
export interface Bilingual {
  vi: string;
  en: string;
}

/** An issue at `path` saying `text` (Vietnamese as `message`, English as `messageEn`). */
export function issueAt(path: string, text: Bilingual): ValidationIssue {
  return { path, message: text.vi, messageEn: text.en };
}

/** Escape one reference token of a JSON Pointer. */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Build a JSON Pointer from its tokens: pointer('states', 3) === '/states/3'. */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => '/' + escapePointerToken(t)).join('');
}
