// Which uploads are accepted: the type is decided from the bytes (file-type), and the extension the
// client claimed must agree with it. The client's Content-Type is never trusted.
import { HttpError } from '../api/errors.js';

interface Kind {
  label: string;
  /** Extensions that may name this content; the first is added to a name that has none. */
  exts: string[];
  /** Content type per extension when the bytes alone cannot tell (CFB holds .doc and .xls alike). */
  mimeByExt?: Record<string, string>;
  /** The bytes do not say which of `exts` it is, so a name without an extension is refused. */
  needsExtension?: boolean;
}

/** Keyed by file-type's `ext`. */
const KINDS: Record<string, Kind> = {
  pdf: { label: 'PDF', exts: ['pdf'] },
  docx: { label: 'Word (DOCX)', exts: ['docx'] },
  xlsx: { label: 'Excel (XLSX)', exts: ['xlsx'] },
  pptx: { label: 'PowerPoint (PPTX)', exts: ['pptx'] },
  odt: { label: 'OpenDocument Text', exts: ['odt'] },
  ods: { label: 'OpenDocument Spreadsheet', exts: ['ods'] },
  cfb: {
    label: 'Word/Excel 97-2003',
    exts: ['doc', 'xls'],
    mimeByExt: { doc: 'application/msword', xls: 'application/vnd.ms-excel' },
    needsExtension: true,
  },
  png: { label: 'PNG', exts: ['png'] },
  jpg: { label: 'JPEG', exts: ['jpg', 'jpeg'] },
  gif: { label: 'GIF', exts: ['gif'] },
  webp: { label: 'WebP', exts: ['webp'] },
  tif: { label: 'TIFF', exts: ['tif', 'tiff'] },
  zip: { label: 'ZIP', exts: ['zip'] },
  '7z': { label: '7-Zip', exts: ['7z'] },
  rar: { label: 'RAR', exts: ['rar'] },
};

const TEXT: Kind = {
  label: 'văn bản thuần (UTF-8)',
  exts: ['txt', 'csv'],
  mimeByExt: { txt: 'text/plain; charset=utf-8', csv: 'text/csv; charset=utf-8' },
};

export const ACCEPTED_DESCRIPTION =
  'PDF, Word, Excel, PowerPoint, OpenDocument, ảnh (PNG, JPEG, GIF, WebP, TIFF), văn bản thuần UTF-8 (.txt, .csv), tệp nén (ZIP, 7z, RAR)';

export interface Sniffed {
  /** file-type's result, undefined when no signature matched. */
  detected?: { ext: string; mime: string };
  /** The whole content is valid UTF-8 without NUL bytes. */
  isText: boolean;
}

export interface Accepted {
  contentType: string;
  /** The stored name: the sanitised name, with the canonical extension added when it had none. */
  name: string;
}

const unsupported = (message: string) => new HttpError(415, 'unsupported_file_type', message);

/**
 * Decide the content type of an upload, or refuse it (415). A recognised type must match the
 * extension. Content that is valid UTF-8 without NULs is plain text when no allowed type matched
 * (signatures are short: a text that starts with "BM" looks like a bitmap), and only under a text
 * extension. `name` is already sanitised; '' means the client gave none.
 */
export function acceptUpload(sniffed: Sniffed, name: string, ext: string, fallbackName: string): Accepted {
  const known = sniffed.detected ? KINDS[sniffed.detected.ext] : undefined;
  const kind = known ?? (sniffed.isText ? TEXT : undefined);
  if (!kind) {
    const what = sniffed.detected ? ` (${sniffed.detected.mime})` : '';
    throw unsupported(`Loại tệp${what} không được phép. Chỉ chấp nhận: ${ACCEPTED_DESCRIPTION}.`);
  }
  if (ext && !kind.exts.includes(ext)) {
    const claimed = kindOfExtension(ext);
    if (!claimed) throw unsupported(`Phần mở rộng .${ext} không được phép. Chỉ chấp nhận: ${ACCEPTED_DESCRIPTION}.`);
    throw unsupported(`Nội dung tệp là ${kind.label}, không phải ${claimed.label} như phần mở rộng .${ext} của tên tệp.`);
  }
  if (!ext && kind.needsExtension)
    throw unsupported(`Không xác định được tệp ${kind.label} là loại nào: hãy đặt tên tệp có phần mở rộng ${kind.exts.map((e) => `.${e}`).join(' hoặc ')}.`);
  const useExt = ext || kind.exts[0]!;
  const contentType = kind.mimeByExt?.[useExt] ?? sniffed.detected!.mime;
  return { contentType, name: ext ? name : `${name || fallbackName}.${useExt}` };
}

function kindOfExtension(ext: string): Kind | undefined {
  return [...Object.values(KINDS), TEXT].find((k) => k.exts.includes(ext));
}

/** Streaming check that a byte sequence is UTF-8 text without NULs (across chunk boundaries). */
export class TextCheck {
  private decoder = new TextDecoder('utf-8', { fatal: true });
  private ok = true;

  push(chunk: Uint8Array): void {
    if (!this.ok) return;
    if (chunk.includes(0)) this.ok = false;
    else
      try {
        this.decoder.decode(chunk, { stream: true });
      } catch {
        this.ok = false;
      }
  }

  /** Call once, after the last chunk: an incomplete trailing sequence is not text. */
  finish(): boolean {
    if (this.ok)
      try {
        this.decoder.decode();
      } catch {
        this.ok = false;
      }
    return this.ok;
  }
}
