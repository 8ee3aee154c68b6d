// Task codes (mã nhiệm vụ) such as "UBND-2025-000123". The engine formats codes with formatTaskCode so
// what the validator accepts is exactly what it can produce.

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

/** Problems of a code pattern, as messages ([] = fine). */
export function codePatternProblems(pattern: string): string[] {
  const problems: string[] = [];
  const rest = pattern.replace(TOKEN_RE, '');
  if (/[{}]/.test(rest)) problems.push('has an unbalanced { or }');
  let seq = 0;
  for (const [, token] of pattern.matchAll(TOKEN_RE)) {
    if (SEQ_RE.test(token)) seq++;
    else if (!['PILLAR', 'TYPE', 'yyyy', 'yy', 'MM'].includes(token))
      problems.push(
        `unknown token {${token}}; known: {PILLAR} {TYPE} {yyyy} {yy} {MM} {seq:N} (N from 1 to 12)`,
      );
  }
  if (seq !== 1) problems.push('must contain exactly one {seq:N} token so that codes are unique');
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
