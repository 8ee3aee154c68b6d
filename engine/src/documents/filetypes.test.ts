import { acceptUpload, TextCheck } from './filetypes.js';

const pdf = { ext: 'pdf', mime: 'application/pdf' };

test('a recognised type must match the extension; a missing extension is added', () => {
  expect(acceptUpload({ detected: pdf, isText: true }, 'a.pdf', 'pdf', 'x')).toEqual({ contentType: 'application/pdf', name: 'a.pdf' });
  expect(acceptUpload({ detected: pdf, isText: false }, 'Quyết định', '', 'x')).toEqual({ contentType: 'application/pdf', name: 'Quyết định.pdf' });
  expect(acceptUpload({ detected: pdf, isText: false }, '', '', 'tep')).toEqual({ contentType: 'application/pdf', name: 'tep.pdf' });
  // an ASCII-only PDF is valid UTF-8 too, but named .txt it is still a mismatch
  expect(() => acceptUpload({ detected: pdf, isText: true }, 'a.txt', 'txt', 'x')).toThrow(/PDF, không phải văn bản thuần/);
  expect(() => acceptUpload({ detected: pdf, isText: false }, 'a.exe', 'exe', 'x')).toThrow(/Phần mở rộng \.exe không được phép/);
});

test('types outside the list are refused, whatever the name', () => {
  const exe = { ext: 'exe', mime: 'application/x-msdownload' };
  expect(() => acceptUpload({ detected: exe, isText: false }, 'a.pdf', 'pdf', 'x')).toThrow(/application\/x-msdownload.*không được phép/);
  const docm = { ext: 'docm', mime: 'application/vnd.ms-word.document.macroenabled.12' };
  expect(() => acceptUpload({ detected: docm, isText: false }, 'a.docx', 'docx', 'x')).toThrow(/không được phép/);
  expect(() => acceptUpload({ isText: false }, 'a.bin', 'bin', 'x')).toThrow(/không được phép/);
});

test('TextCheck: UTF-8 across chunks, NUL and truncation', () => {
  const check = (...chunks: number[][]) => {
    const t = new TextCheck();
    chunks.forEach((c) => t.push(Uint8Array.from(c)));
    return t.finish();
  };
  expect(check([0xe1, 0xba], [0xbf])).toBe(true); // "ế" split
  expect(check([0xe1, 0xba])).toBe(false);
  expect(check([0x61, 0x00])).toBe(false);
  expect(check([0xff])).toBe(false);
  expect(check()).toBe(true);
});
