// Validation of a conditions object, issue by issue with JSON Pointers, mirroring what
// resolvePlaceholders and conditionsMatcher accept (so the engine never meets a rule it cannot run).
import {
  COMPOUND_OPERATORS,
  CONDITION_OPERATORS,
  conditionsMatcher,
  isPlaceholderName,
  placeholderOf,
} from './conditions.js';
import { issueAt, pointer, type Bilingual, type ValidationIssue } from './issues.js';
import { isListPlaceholder, resolvePlaceholders, SAMPLE_PLACEHOLDER_VALUES } from './placeholders.js';
import { isPlainObject } from './objects.js';

type Tokens = (string | number)[];
const unknownPlaceholder = (name: string): Bilingual => ({
  vi: `biến thay thế \${${name}} không tồn tại`,
  en: `unknown placeholder \${${name}}`,
});
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Check a conditions object; issues point into the document under `base`. */
export function checkConditions(conditions: Record<string, unknown>, base: Tokens): ValidationIssue[] {
  const issues = walk(conditions, base);
  if (issues.length) return issues;
  try {
    conditionsMatcher(resolvePlaceholders(conditions, SAMPLE_PLACEHOLDER_VALUES) as never);
    return [];
  } catch (e) {
    const why = (e as Error).message;
    return [
      issueAt(pointer(...base), {
        vi: `điều kiện không biên dịch được: ${why}`,
        en: `conditions do not compile: ${why}`,
      }),
    ];
  }
}

/** The field names a conditions object tests, with their tokens (looking inside $and/$or/$nor). */
export function conditionFields(
  conditions: Record<string, unknown>,
  base: Tokens,
): { field: string; tokens: Tokens }[] {
  return Object.entries(conditions).flatMap(([key, value]) => {
    if (!key.startsWith('$')) return [{ field: key, tokens: [...base, key] }];
    if (!Array.isArray(value)) return [];
    return value.flatMap((c, i) => (isPlainObject(c) ? conditionFields(c, [...base, key, i]) : []));
  });
}

function walk(conditions: Record<string, unknown>, base: Tokens): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(conditions)) {
    const tokens = [...base, key];
    if ((COMPOUND_OPERATORS as readonly string[]).includes(key)) {
      if (!Array.isArray(value) || value.length === 0)
        issues.push(
          issueAt(pointer(...tokens), {
            vi: `${key} cần một danh sách điều kiện không rỗng`,
            en: `${key} needs a non-empty array of conditions`,
          }),
        );
      else
        value.forEach((c, i) =>
          isPlainObject(c)
            ? issues.push(...walk(c, [...tokens, i]))
            : issues.push(
                issueAt(pointer(...tokens, i), {
                  vi: 'phải là một đối tượng điều kiện',
                  en: 'must be an object of conditions',
                }),
              ),
        );
    } else if (key.startsWith('$')) {
      issues.push(
        issueAt(pointer(...tokens), {
          vi: `toán tử cấp ngoài cùng ${key} không được hỗ trợ; hãy dùng $and, $or hoặc $nor`,
          en: `top-level operator ${key} is not supported; use $and, $or or $nor`,
        }),
      );
    } else if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      if (!Object.keys(value).every((k) => k.startsWith('$')))
        issues.push(
          issueAt(pointer(...tokens), {
            vi: 'phải là một giá trị hoặc một đối tượng toán tử, không được vừa là cả hai',
            en: 'must be a value or an object of operators, not both',
          }),
        );
      else
        for (const [op, operand] of Object.entries(value))
          issues.push(...checkOperand(op, operand, [...tokens, op]));
    } else {
      issues.push(...checkOperand('$eq', value, tokens));
    }
  }
  return issues;
}

function checkOperand(op: string, operand: unknown, tokens: Tokens): ValidationIssue[] {
  const at = (text: Bilingual, ...more: Tokens) => [issueAt(pointer(...tokens, ...more), text)];
  if (!(CONDITION_OPERATORS as readonly string[]).includes(op))
    return at({
      vi: `toán tử ${op} không được hỗ trợ; hãy dùng một trong: ${CONDITION_OPERATORS.join(' ')}`,
      en: `operator ${op} is not supported; use one of ${CONDITION_OPERATORS.join(' ')}`,
    });
  const name = placeholderOf(operand);
  if (name !== undefined) {
    if (!isPlaceholderName(name)) return at(unknownPlaceholder(name));
    // A list is membership for $eq/$ne and spliced into $in/$nin/$startsWith; an order has no list form.
    if (isListPlaceholder(name) && ['$lt', '$lte', '$gt', '$gte'].includes(op))
      return at({
        vi: `${op} không nhận được danh sách \${${name}}`,
        en: `${op} cannot take the list \${${name}}`,
      });
    return [];
  }
  if (op === '$in' || op === '$nin' || (op === '$startsWith' && Array.isArray(operand))) {
    if (!Array.isArray(operand)) return at({ vi: `${op} cần một danh sách`, en: `${op} needs an array` });
    return operand.flatMap((item, i) => checkItem(item, [...tokens, i], op === '$startsWith'));
  }
  if (op === '$startsWith' && typeof operand !== 'string')
    return at({
      vi: '$startsWith cần một chuỗi hoặc danh sách chuỗi',
      en: '$startsWith needs a string or a list of strings',
    });
  return checkLiteral(operand, tokens);
}

// An item of a list operand: a literal or any placeholder (lists are spliced in).
function checkItem(item: unknown, tokens: Tokens, stringsOnly: boolean): ValidationIssue[] {
  const name = placeholderOf(item);
  if (name !== undefined)
    return isPlaceholderName(name) ? [] : [issueAt(pointer(...tokens), unknownPlaceholder(name))];
  if (stringsOnly && typeof item !== 'string')
    return [issueAt(pointer(...tokens), { vi: 'phải là chuỗi', en: 'must be a string' })];
  return checkLiteral(item, tokens);
}

function checkLiteral(value: unknown, tokens: Tokens): ValidationIssue[] {
  const path = pointer(...tokens);
  if (!isScalar(value))
    return [
      issueAt(path, {
        vi: 'phải là chuỗi, số, đúng/sai hoặc null',
        en: 'must be a string, number, boolean or null',
      }),
    ];
  if (typeof value === 'string' && value.includes('${'))
    return [
      issueAt(path, {
        vi: 'biến thay thế phải chiếm trọn giá trị',
        en: 'a placeholder must be the whole value',
      }),
    ];
  return [];
}
