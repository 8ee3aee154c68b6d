import { asciiFallback, contentDisposition, extensionOf, nameFromContentDisposition, requestedFileName, sanitizeFileName } from './filename.js';

test('sanitizeFileName keeps Vietnamese, drops paths, controls and bidi tricks', () => {
  expect(sanitizeFileName('Kế hoạch số 12.pdf')).toBe('Kế hoạch số 12.pdf');
  expect(sanitizeFileName('Ke\u0302\u0301 hoa\u0323ch.pdf')).toBe('Kế hoạch.pdf'); // NFD → NFC
  expect(sanitizeFileName('../../etc/passwd')).toBe('etc_passwd');
  expect(sanitizeFileName('..\\..\\windows\\win.ini')).toBe('windows_win.ini');
  expect(sanitizeFileName('123/UBND-KT.pdf')).toBe('123_UBND-KT.pdf');
  expect(sanitizeFileName('/')).toBe('');
  expect(sanitizeFileName('..')).toBe('');
  expect(sanitizeFileName(' .hidden. ')).toBe('hidden');
  expect(sanitizeFileName('a\u0000b\r\nc.txt')).toBe('abc.txt');
  expect(sanitizeFileName('hoa-don\u202Efdp.exe')).toBe('hoa-donfdp.exe');
  expect(sanitizeFileName('a<b>:"c"|?*.txt')).toBe('a_b___c____.txt');
  expect(sanitizeFileName('CON.txt')).toBe('_CON.txt');
  const long = sanitizeFileName(`${'Ư'.repeat(300)}.docx`);
  expect([...long]).toHaveLength(200);
  expect(long.endsWith('.docx')).toBe(true);
});

test('extensionOf', () => {
  expect(extensionOf('a.PDF')).toBe('pdf');
  expect(extensionOf('a.tar.gz')).toBe('gz');
  expect(extensionOf('.pdf')).toBe('');
  expect(extensionOf('abc')).toBe('');
  expect(extensionOf('abc.')).toBe('');
});

test('Content-Disposition: ASCII fallback and RFC 8187 UTF-8 name, round-trips through the parser', () => {
  const cd = contentDisposition('Kế hoạch "số" 12 (2025).pdf');
  expect(cd).toBe(`attachment; filename="Ke hoach _so_ 12 (2025).pdf"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20%22s%E1%BB%91%22%2012%20%282025%29.pdf`);
  expect(nameFromContentDisposition(cd)).toBe('Kế hoạch "số" 12 (2025).pdf');
  expect(asciiFallback('Đơn đề nghị.docx')).toBe('Don de nghi.docx');
  expect(asciiFallback('中文')).toBe('__');
});

test('requestedFileName reads ?name=, then X-File-Name, then Content-Disposition; undecodable → null', () => {
  expect(requestedFileName('Kế hoạch.pdf', {})).toBe('Kế hoạch.pdf');
  expect(requestedFileName(['a', 'b'], {})).toBeNull();
  expect(requestedFileName(undefined, { 'x-file-name': encodeURIComponent('Tờ trình.docx') })).toBe('Tờ trình.docx');
  expect(requestedFileName(undefined, { 'x-file-name': '%E1%BA' })).toBeNull();
  expect(requestedFileName(undefined, { 'content-disposition': `attachment; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.pdf` })).toBe('Báo cáo.pdf');
  expect(requestedFileName(undefined, { 'content-disposition': 'attachment; filename="bao cao.pdf"' })).toBe('bao cao.pdf');
  expect(requestedFileName(undefined, { 'content-disposition': `attachment; filename*=ISO-8859-1''a.pdf` })).toBeNull();
  expect(requestedFileName(undefined, {})).toBeUndefined();
});
