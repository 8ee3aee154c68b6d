// Task codes (mã nhiệm vụ) such as "UBND-2025-000123". The engine formats codes with formatTaskCode so
// what the validator accepts is exactly what it can produce.

import type { Bilingual } from './issues.js';

export const CODE_PATTERN_TOKENS = ['PILLAR', 'TYPE', 'yyyy', 'yy', 'MM', 'seq:N'] as const;

export interface CodeParts {
  pillar: string;
  /** The task type's abbreviation, for {TYPE}. */
  type?: string;
  /** Assignment date; its local year and month fill {yyyy} {yy} {MM}. */
  date: Date;
  seq: number;
}

const TOKEN_RE = /\{([^{}]*)\}/g;
const SEQ_RE = /^seq:([1-9]|1[0-2])$/;

/** Problems of a code pattern, as English messages ([] = fine). */
export function codePatternProblems(pattern: string): string[] {
  return codePatternIssues(pattern).map((p) => p.en);
}

/** Problems of a code pattern in both languages, Vietnamese first ([] = fine). */
export function codePatternIssues(pattern: string): Bilingual[] {
  const problems: Bilingual[] = [];
  const rest = pattern.replace(TOKEN_RE, '');
  if (/[{}]/.test(rest))
    problems.push({ vi: 'có dấu { hoặc } không khớp cặp', en: 'has an unbalanced { or }' });
  let seq = 0;
  for (const [, token] of pattern.matchAll(TOKEN_RE)) {
    if (SEQ_RE.test(token)) seq++;
    else if (!['PILLAR', 'TYPE', 'yyyy', 'yy', 'MM'].includes(token))
      problems.push({
        vi: `mã thành phần {${token}} không được hỗ trợ; chỉ dùng: {PILLAR} {TYPE} {yyyy} {yy} {MM} {seq:N} (N từ 1 đến 12)`,
        en: `unknown token {${token}}; known: {PILLAR} {TYPE} {yyyy} {yy} {MM} {seq:N} (N from 1 to 12)`,
      });
  }
  if (seq !== 1)
    problems.push({
      vi: 'phải có đúng một thành phần {seq:N} để mã không bị trùng',
      en: 'must contain exactly one {seq:N} token so that codes are unique',
    });
  return problems;
}

export function formatTaskCode(pattern: string, parts: CodeParts): string {
  const year = String(parts.date.getFullYear());
  return pattern.replace(TOKEN_RE, (whole, token: string) => {
    const seq = SEQ_RE.exec(token);
    if (seq) return String(parts.seq).padStart(Number(seq[1]), '0');
    switch (token) {
      case 'PILLAR':
        return parts.pillar.toUpperCase();
      case 'TYPE':
        return parts.type ?? '';
      case 'yyyy':
        return year;
      case 'yy':
        return year.slice(-2);
      case 'MM':
        return String(parts.date.getMonth() + 1).padStart(2, '0');
      default:
        return whole;
    }
  });
}
