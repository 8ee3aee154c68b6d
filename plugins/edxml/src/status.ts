// edXML status messages (QCVN 102:2016): how the receiver reports its processing of a document back to
// the sender — 01 arrived, 02 refused, 03 received, 04 assigned, 05 in progress, 06 completed, 13 recalled.
import { edxmlDate, edxmlTimestamp } from './dates.js';

export const STATUS_TEXT: Record<string, string> = {
  '01': 'Đã đến',
  '02': 'Từ chối tiếp nhận',
  '03': 'Đã tiếp nhận',
  '04': 'Đã phân công',
  '05': 'Đang xử lý',
  '06': 'Hoàn thành',
  '13': 'Đã thu hồi',
};

export interface StatusInput {
  code: keyof typeof STATUS_TEXT | string;
  from: { organId: string; organName: string };
  to: { organId: string | null; organName: string | null };
  documentId: string;
  codeNumber: string | null;
  codeNotation: string | null;
  promulgationDate: string | null;
  at: Date;
  description?: string;
  staff?: { department?: string | null; name?: string | null };
}

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const el = (name: string, v: string | null | undefined) => (v ? `<edXML:${name}>${esc(v)}</edXML:${name}>` : `<edXML:${name}/>`);

export function statusXml(s: StatusInput): string {
  const code = s.codeNumber && s.codeNotation ? `${s.codeNumber}/${s.codeNotation}` : (s.codeNumber ?? s.codeNotation ?? '');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<edXML:Status xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">',
    '  <edXML:Header>',
    `    <edXML:From>${el('OrganId', s.from.organId)}${el('OrganName', s.from.organName)}</edXML:From>`,
    `    <edXML:To>${el('OrganId', s.to.organId)}${el('OrganName', s.to.organName)}</edXML:To>`,
    `    <edXML:ResponseFor>${el('OrganId', s.to.organId)}${el('Code', code)}${el('PromulgationDate', s.promulgationDate ? edxmlDate(s.promulgationDate) : null)}${el('DocumentId', s.documentId)}</edXML:ResponseFor>`,
    '  </edXML:Header>',
    `  ${el('StatusCode', s.code)}`,
    `  ${el('Description', s.description ?? STATUS_TEXT[s.code] ?? '')}`,
    `  ${el('Timestamp', edxmlTimestamp(s.at))}`,
    `  <edXML:StaffInfo>${el('Department', s.staff?.department ?? null)}${el('Staff', s.staff?.name ?? null)}</edXML:StaffInfo>`,
    '</edXML:Status>',
    '',
  ].join('\n');
}
