// Upload and download of attachments. Uploading needs only a signed-in user: an upload is useless
// until linked, and linking needs the right to write its owner. Downloading needs the right to read
// the owner (owners.ts); an unlinked upload is its uploader's alone.
import { defineRoutes } from '../api/routes.js';
import { badRequest, HttpError, notFound } from '../api/errors.js';
import { attachmentMaxBytes, tooLarge } from './blobs.js';
import { blobStore, findAttachment, recordUpload } from './attachments.js';
import { contentDisposition, requestedFileName } from './filename.js';
import { canReadAttachment } from './owners.js';
import { deniedAs404, idParam } from './guard.js';

const NOT_FOUND = 'Không tìm thấy tệp đính kèm';

export const attachmentRoutes = defineRoutes([
  {
    method: 'post',
    path: '/api/attachments',
    summary:
      'Upload one file as the raw request body (not JSON, not multipart); name in ?name=, X-File-Name (percent-encoded UTF-8) or Content-Disposition → 201 {id, sha256, size, contentType, name}',
    tags: ['attachments'],
    authenticated: true,
    async handler(ctx, s) {
      if (ctx.request.is('application/json', '+json', 'multipart/*', 'application/x-www-form-urlencoded'))
        throw new HttpError(415, 'unsupported_media_type', 'Gửi nội dung tệp trực tiếp (application/octet-stream hoặc đúng loại tệp), không gói trong JSON hay biểu mẫu');
      const name = requestedFileName(ctx.query.name, ctx.headers);
      if (name === null) throw badRequest('Tên tệp không hợp lệ (cần mã hóa phần trăm UTF-8)', [{ path: '/name', message: 'không giải mã được' }]);
      const maxBytes = attachmentMaxBytes();
      try {
        // A declared length over the limit is refused before a byte is read.
        if (Number(ctx.get('content-length')) > maxBytes) throw tooLarge(maxBytes);
        const blob = await blobStore(s).put(ctx.req, { name, maxBytes });
        const p = ctx.state.principal!;
        const attachment = await s.knex.transaction(async (trx) => {
          const a = await recordUpload(trx, blob, p.id, s.clock.now());
          await s.audit.write(
            { action: 'attachment.upload', actorId: p.id, actor: p.username, subjectType: 'Attachment', subjectId: a.id, ip: ctx.ip, detail: { sha256: a.sha256, size: a.size, contentType: a.contentType } },
            trx,
          );
          return a;
        });
        ctx.status = 201;
        ctx.body = attachment;
      } catch (err) {
        // The rest of an oversized body is not worth reading: answer, then close the connection.
        if (err instanceof HttpError && err.status === 413) ctx.set('Connection', 'close');
        throw err;
      }
    },
  },
  {
    method: 'get',
    path: '/api/attachments/:id',
    summary: 'Download an attachment (the bytes, as an attachment, with the sniffed Content-Type)',
    tags: ['attachments'],
    authenticated: true,
    async handler(ctx, s) {
      const id = idParam(ctx, NOT_FOUND);
      const row = await findAttachment(s.knex, id);
      if (!row) throw notFound(NOT_FOUND);
      const caller = { principal: ctx.state.principal!, ability: ctx.state.ability! };
      if (!(await canReadAttachment(row, caller, s))) await deniedAs404(ctx, s, 'Attachment', id, NOT_FOUND);
      const stream = await blobStore(s).open(row.sha256);
      if (!stream) {
        s.log.error({ attachmentId: id, sha256: row.sha256 }, 'attachment blob missing on disk');
        throw new HttpError(404, 'blob_missing', 'Nội dung tệp không còn trên máy chủ, vui lòng báo quản trị hệ thống');
      }
      ctx.set('Content-Type', row.content_type);
      ctx.set('Content-Disposition', contentDisposition(row.name));
      ctx.set('X-Content-Type-Options', 'nosniff');
      // Even if a browser were talked into rendering it, the file runs no script and loads nothing.
      ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
      ctx.set('ETag', `"${row.sha256}"`);
      ctx.body = stream;
      ctx.length = Number(row.size);
    },
  },
]);
