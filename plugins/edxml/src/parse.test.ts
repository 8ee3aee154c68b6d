import { parseEdxmlDate } from './dates.js';
import { parseEdxml } from './parse.js';
import { statusXml } from './status.js';

const msg = (header: string, extra = '') =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><x:edXML xmlns:x="http://www.mic.gov.vn/TBT/QCVN_102_2016"><x:edXMLEnvelope><x:edXMLHeader><x:MessageHeader>${header}</x:MessageHeader></x:edXMLHeader></x:edXMLEnvelope>${extra}</x:edXML>`);
const FROM = '<x:From><x:OrganId>000.00.00.H26</x:OrganId></x:From>';

test('dates: both forms, with or without a time, real days only', () => {
  expect(parseEdxmlDate('2026/10/05')).toBe('2026-10-05');
  expect(parseEdxmlDate('05/10/2026')).toBe('2026-10-05');
  expect(parseEdxmlDate('5/1/2026 08:00:00')).toBe('2026-01-05');
  expect(parseEdxmlDate('2026-02-29')).toBeNull();
  expect(parseEdxmlDate('2024/02/29')).toBe('2024-02-29');
  expect(parseEdxmlDate('tomorrow')).toBeNull();
});

test('what the header leaves out comes from the DocumentId; the business type is 0 without a trace', () => {
  const r = parseEdxml(msg(`${FROM}<x:DocumentId>000.00.00.H26,05/10/2026,12/UBND-VP</x:DocumentId><x:Subject>Trích yếu</x:Subject>`));
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(r.message).toMatchObject({ promulgationDate: '2026-10-05', codeNumber: '12', codeNotation: 'UBND-VP', businessType: 0, layout: 'layered', attachments: [] });
});

test('every problem at once, each with its element path', () => {
  const r = parseEdxml(msg(`<x:DocumentId>a,b,c</x:DocumentId><x:Code><x:CodeNumber>123456789012</x:CodeNumber></x:Code><x:DueDate>32/01/2026</x:DueDate><x:OtherInfo><x:Priority>9</x:Priority></x:OtherInfo>`));
  expect(r.ok).toBe(false);
  if (r.ok) return;
  const h = '/edXML/edXMLEnvelope/edXMLHeader/MessageHeader';
  expect(r.problems.map((p) => p.path).sort()).toEqual([`${h}/Code/CodeNumber`, `${h}/DueDate`, `${h}/From`, `${h}/OtherInfo/Priority`, `${h}/PromulgationInfo/PromulgationDate`, `${h}/Subject`].sort());
});

test('not well-formed: the path where the parser stopped; DOCTYPE and other encodings are refused', () => {
  const r = parseEdxml(Buffer.from('<edXML><edXMLHeader><MessageHeader><Subject>a<b></Subject></MessageHeader></edXMLHeader></edXML>'));
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.problems[0]!.path).toBe('/edXML/edXMLHeader/MessageHeader/Subject/b');
  const dtd = parseEdxml(Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><edXML/>'));
  expect(!dtd.ok && dtd.problems[0]!.message).toMatch(/DOCTYPE/);
  const latin = parseEdxml(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><edXML/>'));
  expect(!latin.ok && latin.problems[0]!.message).toMatch(/ISO-8859-1/);
});

test('status messages: code, Hanoi timestamp, escaped text', () => {
  const xml = statusXml({ code: '04', from: { organId: '000.00.01.H26', organName: 'Văn phòng UBND' }, to: { organId: '000.00.00.H26', organName: 'UBND <TP>' }, documentId: '000.00.00.H26,2026/10/05,1/UBND', codeNumber: '1', codeNotation: 'UBND', promulgationDate: '2026-10-05', at: new Date('2026-10-06T01:00:00Z') });
  expect(xml).toContain('<edXML:StatusCode>04</edXML:StatusCode>');
  expect(xml).toContain('<edXML:Timestamp>2026/10/06 08:00:00</edXML:Timestamp>');
  expect(xml).toContain('UBND &lt;TP&gt;');
});
