// The report's parameters as people read them (file headers): labels, unit and pillar names, dates.
import type { Report } from '@dondoc/metadata';
import type { ParamValues } from '../params.js';
import { vnDate } from './layout.js';

export interface ParameterText {
  key: string;
  label: string;
  type: string;
  value: ParamValues[string];
  text: string;
}

export interface NameLookup {
  unit(id: number): string | undefined;
  pillar(key: string): string | undefined;
  taskType(key: string): string | undefined;
  option(param: string, value: string | number): string | undefined;
}

export function describeParameters(report: Report, values: ParamValues, names: NameLookup): ParameterText[] {
  const out: ParameterText[] = [];
  for (const p of report.parameters ?? []) {
    const v = values[p.key];
    if (v === null || v === undefined) continue;
    const one = (x: string | number): string => {
      switch (p.type) {
        case 'date':
          return vnDate(String(x));
        case 'unit':
          return names.unit(Number(x)) ?? String(x);
        case 'pillar':
          return names.pillar(String(x)) ?? String(x);
        case 'taskType':
          return names.taskType(String(x)) ?? String(x);
        case 'enum':
          return names.option(p.key, x) ?? String(x);
        default:
          return String(x);
      }
    };
    out.push({ key: p.key, label: p.label, type: p.type, value: v, text: (Array.isArray(v) ? v : [v]).map(one).join(', ') });
  }
  return out;
}

/** "Từ ngày 01/01/2026 đến ngày 30/06/2026" from the report's date parameters, if it has a pair. */
export function periodText(params: ParameterText[]): string | null {
  const dates = params.filter((p) => p.type === 'date');
  if (dates.length >= 2) return `Từ ngày ${dates[0]!.text} đến ngày ${dates[1]!.text}`;
  if (dates.length === 1) return `${dates[0]!.label}: ${dates[0]!.text}`;
  return null;
}
