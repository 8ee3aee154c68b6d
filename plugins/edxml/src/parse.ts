// Reading an edXML message (QCVN 102:2016/BTTTT; DOMAIN.md, "Document exchange"). Tolerant in what it
// reads — any namespace prefix (or none), the layered form (edXML/edXMLEnvelope/edXMLHeader/MessageHeader)
// and flat ones (edXMLHeader or MessageHeader straight under the root, attachments beside them), both
// date forms (yyyy/MM/dd, dd/MM/yyyy), missing optional parts (Code, manifest, trace, signer…) — and
// exact in what it refuses: every problem is reported with the element's path (local names, XPath-like,
// `[n]` for the n-th of a repeated element) and the reason, all of them at once.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseEdxmlDate } from './dates.js';

export interface Problem {
  path: string;
  message: string;
}

export interface EdxmlOrgan {
  organId: string | null;
  organName: string | null;
}

export interface EdxmlAttachment {
  contentId: string | null;
  name: string;
  contentType: string | null;
  description: string | null;
  bytes: Buffer;
  /** Path of the Attachment element, for errors about it (its type, its size). */
  path: string;
}

export interface EdxmlMessage {
  documentId: string;
  /** Where DocumentId is in this message (for errors about the document it names). */
  documentIdPath: string;
  /** 0 new, 1 revoke, 2 update, 3 replace (TraceHeaderList/Bussiness/BussinessDocType). */
  businessType: 0 | 1 | 2 | 3;
  businessReason: string | null;
  from: EdxmlOrgan | null;
  to: Array<EdxmlOrgan & { path: string }>;
  codeNumber: string | null;
  codeNotation: string | null;
  place: string | null;
  promulgationDate: string | null;
  typeCode: string | null;
  typeName: string | null;
  subject: string | null;
  content: string | null;
  signerCompetence: string | null;
  signerPosition: string | null;
  signerName: string | null;
  dueDate: string | null;
  priority: number | null;
  steeringType: string | null;
  toPlaces: string[];
  responseFor: Array<{ organId: string | null; code: string | null; promulgationDate: string | null; documentId: string | null }>;
  /** DocumentIds a replace message replaces (ReplacementInfoList/ReplacementInfo/DocumentId). */
  replaces: string[];
  attachments: EdxmlAttachment[];
  /** Which form it came in, for the log. */
  layout: 'layered' | 'flat';
}

export type ParseResult = { ok: true; message: EdxmlMessage } | { ok: false; reason: string; problems: Problem[]; documentId: string | null; sender: EdxmlOrgan | null };

type Node = Record<string, unknown[]>;
const isNode = (v: unknown): v is Node => !!v && typeof v === 'object' && !Array.isArray(v);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (_name: string, _jpath: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
});

const MAX_TEXT = { DocumentId: 200, CodeNumber: 11, CodeNotation: 30, Subject: 500, OrganId: 32, OrganName: 300, Position: 200, FullName: 200, TypeName: 100 } as const;

/** The text of an element ("" for an empty one), or null when it has children instead. */
function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v.normalize('NFC').trim();
  if (isNode(v) && typeof (v as any)['#text'] === 'string') return String((v as any)['#text']).normalize('NFC').trim();
  if (isNode(v) && Object.keys(v).every((k) => k.startsWith('@'))) return '';
  return null;
}

/** Where the tag nesting stands at (line, col) of `text`: the element path, for well-formedness errors. */
function pathAt(text: string, line: number, col: number): string {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) break;
    offset = nl + 1;
  }
  const upTo = text.slice(0, offset + Math.max(0, col - 1));
  const stack: string[] = [];
  const re = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/\s*([^\s>]+)\s*>|<([^\s/>!?]+)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(upTo))) {
    if (m[1]) {
      const local = m[1].replace(/^.*:/, '');
      const i = stack.lastIndexOf(local);
      if (i >= 0) stack.length = i;
    } else if (m[2] && !m[3]) stack.push(m[2].replace(/^.*:/, ''));
  }
  return `/${stack.join('/')}`;
}

const REASONS: Record<string, string> = {
  InvalidTag: 'thẻ không hợp lệ hoặc không khớp thẻ mở',
  InvalidAttr: 'thuộc tính không hợp lệ',
  InvalidChar: 'ký tự không hợp lệ',
  InvalidXml: 'XML không đúng cú pháp',
};

/** Well-formedness and encoding first: the whole text is refused before any field is read. */
function decode(bytes: Buffer): { text: string } | { problem: Problem } {
  let buf = bytes;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return { problem: { path: '/', message: 'Bảng mã UTF-16 không được hỗ trợ: văn bản điện tử phải mã hóa UTF-8' } };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return { problem: { path: '/', message: 'Nội dung không phải UTF-8 hợp lệ' } };
  }
  const decl = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(text);
  if (decl && !/^utf-?8$/i.test(decl[1]!)) return { problem: { path: '/', message: `Bảng mã "${decl[1]}" không được hỗ trợ: văn bản điện tử phải mã hóa UTF-8` } };
  if (/<!DOCTYPE/i.test(text)) return { problem: { path: '/', message: 'Không chấp nhận khai báo DOCTYPE/ENTITY trong văn bản điện tử' } };
  if (!text.trim()) return { problem: { path: '/', message: 'Nội dung rỗng' } };
  return { text };
}

export function parseEdxml(bytes: Buffer): ParseResult {
  const decoded = decode(bytes);
  if ('problem' in decoded) return { ok: false, reason: decoded.problem.message, problems: [decoded.problem], documentId: null, sender: null };
  const { text } = decoded;
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { code, msg, line, col } = valid.err;
    const path = pathAt(text, line, col);
    const message = `${REASONS[code] ?? 'XML không đúng cú pháp'} (dòng ${line}, cột ${col}): ${msg}`;
    return { ok: false, reason: 'Văn bản điện tử không đúng cú pháp XML', problems: [{ path, message }], documentId: null, sender: null };
  }
  let tree: Node;
  try {
    tree = parser.parse(text) as Node;
  } catch (err: any) {
    return { ok: false, reason: 'Văn bản điện tử không đúng cú pháp XML', problems: [{ path: '/', message: String(err?.message ?? err) }], documentId: null, sender: null };
  }
  return new Reader().read(tree);
}

/** Walks the tree, collecting every problem with its path. */
class Reader {
  problems: Problem[] = [];

  private fail(path: string, message: string): null {
    this.problems.push({ path, message });
    return null;
  }

  /** The elements `name` under `node` (at `path`), each with its own path ([n] when repeated). */
  private all(node: Node | null, path: string, name: string): Array<{ node: unknown; path: string }> {
    const list = node ? ((node[name] as unknown[] | undefined) ?? []) : [];
    return list.map((v, i) => ({ node: v, path: list.length > 1 ? `${path}/${name}[${i + 1}]` : `${path}/${name}` }));
  }

  private child(node: Node | null, path: string, name: string): { node: Node | null; path: string; present: boolean } {
    const list = node ? ((node[name] as unknown[] | undefined) ?? []) : [];
    const v = list[0];
    return { node: isNode(v) ? v : null, path: `${path}/${name}`, present: list.length > 0 };
  }

  /** The text of child `name`; null when absent or empty. Problems: has children, too long, repeated. */
  private text(node: Node | null, path: string, name: string, opts: { required?: string; max?: number } = {}): string | null {
    const list = node ? ((node[name] as unknown[] | undefined) ?? []) : [];
    const p = `${path}/${name}`;
    if (!list.length) return opts.required ? this.fail(p, opts.required) : null;
    if (list.length > 1) return this.fail(`${p}[2]`, `Phần tử ${name} chỉ được xuất hiện một lần`);
    const t = textOf(list[0]);
    if (t === null) return this.fail(p, `Phần tử ${name} phải là văn bản, không chứa phần tử con`);
    if (!t) return opts.required ? this.fail(p, opts.required) : null;
    if (opts.max && t.length > opts.max) return this.fail(p, `Dài quá ${opts.max} ký tự (${t.length})`);
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(t)) return this.fail(p, 'Chứa ký tự điều khiển không được phép');
    return t;
  }

  private date(node: Node | null, path: string, name: string, required?: string): string | null {
    const t = this.text(node, path, name, { required });
    if (t === null) return null;
    const d = parseEdxmlDate(t);
    return d ?? this.fail(`${path}/${name}`, `Ngày "${t}" không hợp lệ (cần yyyy/MM/dd hoặc dd/MM/yyyy)`);
  }

  private organ(node: Node | null, path: string): EdxmlOrgan {
    return { organId: this.text(node, path, 'OrganId', { max: MAX_TEXT.OrganId }), organName: this.text(node, path, 'OrganName', { max: MAX_TEXT.OrganName }) };
  }

  read(tree: Node): ParseResult {
    const rootName = Object.keys(tree).find((k) => !k.startsWith('@') && k !== '#text');
    const rootList = rootName ? tree[rootName]! : [];
    if (!rootName || !['edXML', 'edXMLEnvelope'].includes(rootName) || rootList.length !== 1 || !isNode(rootList[0]))
      return { ok: false, reason: 'Không phải văn bản điện tử edXML', problems: [{ path: `/${rootName ?? ''}`, message: 'Phần tử gốc phải là edXML (QCVN 102:2016)' }], documentId: null, sender: null };
    const root = rootList[0] as Node;
    const rootPath = `/${rootName}`;
    // Layered: edXML/edXMLEnvelope/edXMLHeader/MessageHeader; flat: the same parts higher up.
    const envelope = rootName === 'edXMLEnvelope' ? { node: root, path: rootPath, present: true } : this.child(root, rootPath, 'edXMLEnvelope');
    const base = envelope.present && envelope.node ? envelope : { node: root, path: rootPath, present: true };
    const headerBox = this.child(base.node, base.path, 'edXMLHeader');
    const box = headerBox.present && headerBox.node ? headerBox : base;
    let header = this.child(box.node, box.path, 'MessageHeader');
    if (!header.present && box.node && box.node.DocumentId) header = { node: box.node, path: box.path, present: true }; // header fields straight in edXMLHeader
    const layout: EdxmlMessage['layout'] = envelope.present && headerBox.present && header.path.endsWith('/MessageHeader') ? 'layered' : 'flat';
    if (!header.node) {
      return { ok: false, reason: 'Thiếu phần tiêu đề văn bản', problems: [{ path: `${box.path}/MessageHeader`, message: 'Thiếu phần tử MessageHeader (thông tin văn bản)' }], documentId: null, sender: null };
    }
    const h = header.node;
    const hp = header.path;

    const documentId = this.text(h, hp, 'DocumentId', { required: 'Thiếu mã định danh văn bản (DocumentId)', max: MAX_TEXT.DocumentId });
    const fromEl = this.child(h, hp, 'From');
    const from = fromEl.node ? this.organ(fromEl.node, fromEl.path) : null;

    // Trace and business type: beside MessageHeader, or anywhere up to the root.
    const traceEl = [this.child(box.node, box.path, 'TraceHeaderList'), this.child(base.node, base.path, 'TraceHeaderList'), this.child(root, rootPath, 'TraceHeaderList')].find((x) => x.present) ?? null;
    let businessType: EdxmlMessage['businessType'] = 0;
    let businessReason: string | null = null;
    let replaces: string[] = [];
    if (traceEl?.node) {
      const bus = traceEl.node.Bussiness ? this.child(traceEl.node, traceEl.path, 'Bussiness') : this.child(traceEl.node, traceEl.path, 'Business');
      if (bus.node) {
        const t = this.text(bus.node, bus.path, 'BussinessDocType') ?? this.text(bus.node, bus.path, 'BusinessDocType');
        if (t !== null) {
          if (!/^[0-3]$/.test(t)) this.fail(`${bus.path}/BussinessDocType`, `Loại nghiệp vụ "${t}" không hợp lệ (0 mới, 1 thu hồi, 2 cập nhật, 3 thay thế)`);
          else businessType = Number(t) as EdxmlMessage['businessType'];
        }
        businessReason = this.text(bus.node, bus.path, 'BussinessDocReason', { max: 1000 });
        const list = this.child(bus.node, bus.path, 'ReplacementInfoList');
        for (const r of this.all(list.node, list.path, 'ReplacementInfo')) {
          const id = isNode(r.node) ? this.text(r.node, r.path, 'DocumentId', { max: MAX_TEXT.DocumentId }) : null;
          if (id) replaces.push(id);
        }
      }
    }
    replaces = [...new Set(replaces)];

    const to: EdxmlMessage['to'] = [];
    for (const t of this.all(h, hp, 'To')) {
      if (!isNode(t.node)) {
        this.fail(t.path, 'Phần tử To phải có OrganId hoặc OrganName');
        continue;
      }
      const o = this.organ(t.node, t.path);
      if (!o.organId && !o.organName) this.fail(t.path, 'Nơi nhận thiếu cả mã (OrganId) lẫn tên (OrganName)');
      else to.push({ ...o, path: t.path });
    }

    const code = this.child(h, hp, 'Code');
    let codeNumber = this.text(code.node, code.path, 'CodeNumber', { max: MAX_TEXT.CodeNumber });
    let codeNotation = this.text(code.node, code.path, 'CodeNotation', { max: MAX_TEXT.CodeNotation });
    const promulgation = this.child(h, hp, 'PromulgationInfo');
    let promulgationDate = this.date(promulgation.node, promulgation.path, 'PromulgationDate');
    // DocumentId = {OrganId},{yyyy/MM/dd},{number}/{notation}: what the header leaves out comes from it.
    const idParts = documentId ? documentId.split(',') : [];
    if (idParts.length >= 3) {
      promulgationDate ??= parseEdxmlDate(idParts[1]!);
      const numbered = /^([^/]+)\/(.+)$/.exec(idParts.slice(2).join(',').trim());
      if (numbered) {
        codeNumber ??= numbered[1]!.trim().length <= MAX_TEXT.CodeNumber ? numbered[1]!.trim() : null;
        codeNotation ??= numbered[2]!.trim().length <= MAX_TEXT.CodeNotation ? numbered[2]!.trim() : null;
      }
    }
    const docType = this.child(h, hp, 'DocumentType');
    const signer = this.child(h, hp, 'SignerInfo');
    const other = this.child(h, hp, 'OtherInfo');
    const priorityText = this.text(other.node, other.path, 'Priority');
    let priority: number | null = null;
    if (priorityText !== null) {
      if (/^[0-4]$/.test(priorityText)) priority = Number(priorityText);
      else this.fail(`${other.path}/Priority`, `Độ khẩn "${priorityText}" không hợp lệ (0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ)`);
    }
    const places = this.child(h, hp, 'ToPlaces');
    const toPlaces = this.all(places.node, places.path, 'Place')
      .map((p) => textOf(p.node))
      .filter((x): x is string => !!x);

    const responseFor: EdxmlMessage['responseFor'] = [];
    for (const r of this.all(h, hp, 'ResponseFor')) {
      if (!isNode(r.node)) continue;
      const item = {
        organId: this.text(r.node, r.path, 'OrganId', { max: MAX_TEXT.OrganId }),
        code: this.text(r.node, r.path, 'Code', { max: 100 }),
        promulgationDate: this.date(r.node, r.path, 'PromulgationDate'),
        documentId: this.text(r.node, r.path, 'DocumentId', { max: MAX_TEXT.DocumentId }),
      };
      if (item.organId || item.code || item.documentId) responseFor.push(item);
    }

    const subjectText = this.text(h, hp, 'Subject', { max: MAX_TEXT.Subject });
    const message: EdxmlMessage = {
      documentId: documentId ?? '',
      documentIdPath: `${hp}/DocumentId`,
      businessType,
      businessReason,
      from,
      to,
      codeNumber,
      codeNotation,
      place: this.text(promulgation.node, promulgation.path, 'Place', { max: 200 }),
      promulgationDate,
      typeCode: this.text(docType.node, docType.path, 'Type', { max: 10 }),
      typeName: this.text(docType.node, docType.path, 'TypeName', { max: MAX_TEXT.TypeName }),
      subject: subjectText,
      content: this.text(h, hp, 'Content', { max: 10000 }),
      signerCompetence: this.text(signer.node, signer.path, 'Competence', { max: 200 }),
      signerPosition: this.text(signer.node, signer.path, 'Position', { max: MAX_TEXT.Position }),
      signerName: this.text(signer.node, signer.path, 'FullName', { max: MAX_TEXT.FullName }),
      dueDate: this.date(h, hp, 'DueDate'),
      priority,
      steeringType: this.text(h, hp, 'SteeringType', { max: 10 }),
      toPlaces,
      responseFor,
      replaces,
      attachments: [],
      layout,
    };

    // What a document needs (a revoke names only the document).
    if (businessType !== 1) {
      if (!from || (!from.organId && !from.organName)) this.fail(fromEl.present ? fromEl.path : `${hp}/From`, 'Thiếu cơ quan ban hành (From/OrganId hoặc From/OrganName)');
      if (!subjectText && !this.problems.some((p) => p.path === `${hp}/Subject`)) this.fail(`${hp}/Subject`, 'Thiếu trích yếu (Subject)');
      if (!promulgationDate && !this.problems.some((p) => p.path.startsWith(`${promulgation.path}`)))
        this.fail(`${promulgation.path}/PromulgationDate`, 'Thiếu ngày ban hành (PromulgationDate), và DocumentId không cho biết ngày');
    }

    message.attachments = this.attachments(root, rootPath, base, box);
    if (this.problems.length)
      return { ok: false, reason: 'Văn bản điện tử không hợp lệ', problems: this.problems, documentId: documentId ?? null, sender: from };
    return { ok: true, message };
  }

  /** Attachments: AttachmentEncoded/Attachment wherever a variant puts it; names from the manifest when absent. */
  private attachments(root: Node, rootPath: string, base: { node: Node | null; path: string }, box: { node: Node | null; path: string }): EdxmlAttachment[] {
    const bodyEl = this.child(base.node, base.path, 'edXMLBody');
    const manifestEl = [this.child(bodyEl.node, bodyEl.path, 'edXMLManifest'), this.child(base.node, base.path, 'edXMLManifest'), this.child(root, rootPath, 'edXMLManifest')].find((x) => x.present);
    const manifest = new Map<string, { name: string | null; type: string | null; description: string | null }>();
    for (const r of this.all(manifestEl?.node ?? null, manifestEl?.path ?? '', 'Reference')) {
      if (!isNode(r.node)) continue;
      const id = textOf(r.node.ContentId?.[0]);
      if (id) manifest.set(cid(id), { name: textOf(r.node.AttachmentName?.[0]), type: textOf(r.node.ContentType?.[0]), description: textOf(r.node.Description?.[0]) });
    }
    const containers = [this.child(root, rootPath, 'AttachmentEncoded'), this.child(base.node, base.path, 'AttachmentEncoded'), this.child(bodyEl.node, bodyEl.path, 'AttachmentEncoded'), this.child(box.node, box.path, 'AttachmentEncoded')];
    const seen = new Set<string>();
    const items: Array<{ node: unknown; path: string }> = [];
    for (const c of containers) {
      if (!c.present || !c.node || seen.has(c.path)) continue;
      seen.add(c.path);
      items.push(...this.all(c.node, c.path, 'Attachment'));
    }
    if (!items.length) items.push(...this.all(root, rootPath, 'Attachment'), ...(bodyEl.node ? this.all(bodyEl.node, bodyEl.path, 'Attachment') : []));
    const out: EdxmlAttachment[] = [];
    items.forEach((a, i) => {
      if (!isNode(a.node)) return void this.fail(a.path, 'Tệp đính kèm không có nội dung');
      const contentId = this.text(a.node, a.path, 'ContentId', { max: 200 });
      const ref = contentId ? manifest.get(cid(contentId)) : undefined;
      const name = this.text(a.node, a.path, 'AttachmentName', { max: 255 }) ?? ref?.name ?? `tep-dinh-kem-${i + 1}`;
      const contentType = this.text(a.node, a.path, 'ContentType', { max: 100 }) ?? ref?.type ?? null;
      const encoded = this.text(a.node, a.path, 'ContentTransferEncoded', { required: 'Thiếu nội dung tệp (ContentTransferEncoded, base64)' });
      if (encoded === null) return;
      const b64 = encoded.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) return void this.fail(`${a.path}/ContentTransferEncoded`, 'Nội dung tệp không phải base64 hợp lệ');
      const bytes = Buffer.from(b64, 'base64');
      if (!bytes.length) return void this.fail(`${a.path}/ContentTransferEncoded`, 'Tệp rỗng');
      const mismatch = typeMismatch(contentType, name);
      if (mismatch) return void this.fail(`${a.path}/ContentType`, mismatch);
      out.push({ contentId, name, contentType, description: this.text(a.node, a.path, 'Description', { max: 500 }) ?? ref?.description ?? null, bytes, path: a.path });
    });
    return out;
  }
}

const cid = (id: string) => id.trim().replace(/^cid:/i, '').replace(/^<|>$/g, '');

const TYPE_EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'application/msword': ['doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.ms-excel': ['xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/tiff': ['tif', 'tiff'],
  'image/webp': ['webp'],
  'application/zip': ['zip'],
  'text/plain': ['txt'],
  'text/csv': ['csv'],
};

/** The declared type must agree with the file name (the bytes are checked against the name when stored). */
function typeMismatch(declared: string | null, name: string): string | null {
  if (!declared) return null;
  const type = declared.split(';')[0]!.trim().toLowerCase();
  const exts = TYPE_EXTENSIONS[type];
  if (!exts) return null; // application/octet-stream and the like: the bytes decide
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  if (!ext || exts.includes(ext)) return null;
  return `Loại tệp khai báo "${type}" không khớp với tên tệp "${name}"`;
}
