// A small secret scanner for the repository's tracked files (issue 4: "no secret in the source"):
// private keys, well-known credential formats, and credential-named variables assigned a literal that
// looks like a real secret. Test fixtures that are obviously test-only are allowed by name below.

export interface Finding {
  file: string;
  line: number;
  rule: string;
  text: string;
}

interface Rule {
  name: string;
  re: RegExp;
  /** Optional second check on the match (e.g. "looks like a real secret"). */
  accept?: (m: RegExpExecArray) => boolean;
}

const NAME = String.raw`[A-Za-z0-9_$]*(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential|auth[_-]?key|signing[_-]?key|client[_-]?secret)[A-Za-z0-9_$]*`;

/** Words that mark a literal as a test's made-up value, not a credential (wrong passwords, fake secrets). */
const MADE_UP = /wrong|sai|khong|test|example|dummy|fake|invalid|placeholder|changeme/i;

/** A literal that could be a real password: 10+ characters of at least three kinds, no spaces, not a placeholder. */
function looksLikePassword(v: string): boolean {
  if (v.length < 10 || /\s/.test(v) || /^(\$\{|<|%|\{\{|process\.env)/.test(v) || /^(x+|\*+|…+|\.+)$/i.test(v) || MADE_UP.test(v)) return false;
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\d/, /[^\p{L}\d]/u].filter((k) => k.test(v)).length;
  return kinds >= 3;
}

/** Long random-looking base64/hex: ≥ 24 characters mixing cases and digits (or ≥ 32 hex digits). */
function looksRandom(v: string): boolean {
  if (/^[0-9a-f]{32,}$/i.test(v)) return true;
  return v.length >= 24 && /[a-z]/.test(v) && /[A-Z]/.test(v) && /\d/.test(v) && !/^[A-Za-z]+(?:[A-Z][a-z]+)+$/.test(v);
}

export const RULES: Rule[] = [
  { name: 'private-key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { name: 'aws-access-key', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'github-token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/ },
  { name: 'slack-token', re: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/ },
  { name: 'google-api-key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'stripe-key', re: /\b[rs]k_live_[0-9A-Za-z]{16,}\b/ },
  { name: 'jwt', re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}\b/ },
  { name: 'url-credentials', re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"`]+:([^\s@/'"`]{6,})@/i, accept: (m) => !/^(\$\{|<|\*+$|x+$|pass(word)?$|secret$|…)/i.test(m[1]!) },
  {
    name: 'hard-coded-password',
    re: new RegExp(String.raw`(?:\b|["'])${NAME}["']?\s*(?::|=|\?\?|\|\|)\s*(["'\`])([^"'\`\n]{6,200})\1`, 'i'),
    accept: (m) => looksLikePassword(m[2]!),
  },
  {
    name: 'secret-assignment',
    re: new RegExp(String.raw`(?:\b|["'])[A-Za-z0-9_$]*(?:secret|key|token|salt|seed)[A-Za-z0-9_$]*["']?\s*(?::|=)\s*(["'\`])([A-Za-z0-9+/=_-]{24,})\1`, 'i'),
    accept: (m) => looksRandom(m[2]!),
  },
];

export interface Allowed {
  file: string;
  /** The offending text must contain this. */
  contains: string;
  why: string;
}

/** Obviously test-only fixtures. Every entry must still match something (a stale entry fails the test). */
export const ALLOWED: Allowed[] = [
  { file: 'test/support/engine.ts', contains: "SEED_PASSWORD = 'Demo-Password-2026!'", why: 'the demo accounts’ password of the test databases (CONTRACT.md: SEED_PASSWORD)' },
  { file: 'test/integration/admin-mfa.test.ts', contains: "password: 'Demo-Password-2026!'", why: 'the same test-database SEED_PASSWORD, spelled out' },
  { file: 'test/integration/admin-mfa.test.ts', contains: "newPassword: 'quantri.thanhpho123'", why: 'a deliberately weak password the policy must refuse' },
  { file: 'test/integration/admin-mfa.test.ts', contains: "newPassword = 'Cây-đa-Hồ-Gươm-2026!'", why: 'the new password of an administrator created in a throw-away test database' },
];

/** This file is the allow-list: it names the fixtures it allows, so it is not scanned itself. */
export const NOT_SCANNED = ['test/security/secret-scan.ts'];

export function scanText(file: string, text: string, allowed: Allowed[] = ALLOWED, used?: Set<Allowed>): Finding[] {
  const out: Finding[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.length > 5000) return; // minified or data lines: no source a person wrote
    for (const rule of RULES) {
      const m = rule.re.exec(line);
      if (!m || (rule.accept && !rule.accept(m))) continue;
      const ok = allowed.find((a) => a.file === file && line.includes(a.contains));
      if (ok) {
        used?.add(ok);
        continue;
      }
      out.push({ file, line: i + 1, rule: rule.name, text: line.trim().slice(0, 160) });
      break; // one finding per line is enough to look at it
    }
  });
  return out;
}
