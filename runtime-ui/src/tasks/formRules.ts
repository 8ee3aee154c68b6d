/**
 * Conventions of the form designer (Admin Studio) that the Runtime UI honours, as pure functions:
 * a field's condition for showing (`ui:options.showIf`), section headings (root `ui:options.sections`)
 * and money (VND: 1.500.000).
 */

export interface ShowIf {
  field: string;
  op: 'eq' | 'ne' | 'filled' | 'empty';
  value?: string | number | boolean;
}

export interface SectionMark {
  title: string;
  titleEn?: string;
  /** The field the heading stands above; null = at the end. */
  before: string | null;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function showIfOf(ui: unknown): ShowIf | undefined {
  const options = isObj(ui) && isObj(ui['ui:options']) ? ui['ui:options'] : {};
  const s = options.showIf;
  return isObj(s) && typeof s.field === 'string' ? (s as unknown as ShowIf) : undefined;
}

/** Whether a field's condition for showing holds for the data (the same rule as the Studio's preview). */
export function shown(cond: ShowIf | undefined, data: Json | undefined): boolean {
  if (!cond) return true;
  const v = data?.[cond.field];
  const filled = v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  switch (cond.op) {
    case 'filled':
      return filled;
    case 'empty':
      return !filled;
    case 'eq':
      return String(v ?? '') === String(cond.value ?? '');
    case 'ne':
      return String(v ?? '') !== String(cond.value ?? '');
    default:
      return true;
  }
}

/** Names of the fields of `uiSchema` hidden by their condition for `data`. */
export function hiddenByCondition(uiSchema: Json, data: Json | undefined): Set<string> {
  const out = new Set<string>();
  for (const [name, ui] of Object.entries(uiSchema))
    if (!name.startsWith('ui:') && !shown(showIfOf(ui), data)) out.add(name);
  return out;
}

/**
 * The section headings of a form for the fields shown, in `order`: a heading above a field the user may
 * not read moves down to the next field shown (or to the end).
 */
export function sectionsFor(sections: unknown, order: string[], visible: Set<string>): SectionMark[] {
  if (!Array.isArray(sections)) return [];
  return sections
    .filter((s): s is SectionMark => isObj(s) && typeof s.title === 'string')
    .map((s) => {
      if (s.before === null || visible.has(s.before)) return s;
      const from = order.indexOf(s.before);
      const next = from < 0 ? undefined : order.slice(from + 1).find((n) => visible.has(n));
      return { ...s, before: next ?? null };
    });
}

const GROUPING = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** 1500000 → "1.500.000" (Vietnamese grouping, decimal comma). */
export function formatMoney(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  return Number.isFinite(n) ? GROUPING.format(n) : '';
}

/** "1.500.000" or "1.500.000,5 ₫" → 1500000 / 1500000.5; null when nothing numeric is typed. */
export function parseMoney(text: string | undefined): number | null {
  const cleaned = (text ?? '').replace(/[^\d,-]/g, '').replace(',', '.');
  if (!cleaned || cleaned === '-') return null;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : null;
}
