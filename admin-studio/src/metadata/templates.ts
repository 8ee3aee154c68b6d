// What a new document of each kind starts from: the smallest valid body, for the designer to fill in.
import type { MetadataKind } from './types';

export function templateOf(kind: MetadataKind, key: string): Record<string, unknown> {
  switch (kind) {
    case 'form':
      return { title: key, schema: { type: 'object', properties: {} }, uiSchema: {}, fields: {} };
    case 'workflow':
      return {
        name: key,
        initial: 'moi',
        states: [
          { key: 'moi', label: 'Mới', category: 'open' },
          { key: 'hoan-thanh', label: 'Hoàn thành', category: 'done' },
        ],
        transitions: [{ key: 'hoan-thanh', label: 'Hoàn thành', from: ['moi'], to: 'hoan-thanh', allow: [{ party: 'handler' }] }],
      };
    case 'role':
      return { name: key, rules: [] };
    case 'reminderPolicy':
      return { name: key, enabled: true, workingDays: true, channels: ['inApp'], rules: [] };
    case 'report':
      return { name: key, dataset: 'tasks', dimensions: [], measures: [{ key: 'soLuong', label: 'Số nhiệm vụ', kind: 'count' }] };
    case 'catalog':
      return { name: key, items: [] };
    case 'taskType':
      return { name: key, form: 'nhiem-vu', workflow: 'mac-dinh', deadline: { kind: 'none' }, codePattern: '{PILLAR}-{yyyy}-{seq:6}' };
  }
}

/** The document's own name, for titles. */
export function nameOf(body: unknown, key: string): string {
  const b = body as { name?: unknown; title?: unknown } | null;
  return typeof b?.name === 'string' ? b.name : typeof b?.title === 'string' ? b.title : key;
}
