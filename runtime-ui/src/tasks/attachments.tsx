/**
 * Attachments: upload with progress (XHR), the list of a task's files with names read from the download
 * route's headers, and a preview (images and text inline from a blob: URL — the CSP allows those — PDFs
 * in a new tab); everything else downloads.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Modal, Progress, Upload, type UploadFile } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchBlob, uploadFile, type UploadedFile } from '@shared/api';
import { errorMessage } from '@shared/errors';

export interface AttachmentRef {
  id: number;
  name: string;
  size?: number;
  contentType?: string;
}

export function attachmentUrl(id: number): string {
  return `/api/attachments/${id}`;
}

/** The file name of a Content-Disposition header (RFC 6266 filename* first). */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // fall through
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1]!.trim() : null;
}

/** Name, size and type of an attachment (HEAD of the download route: no bytes transferred). */
export function attachmentInfoQuery(id: number) {
  return {
    queryKey: ['attachment', id],
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<AttachmentRef> => {
      const r = await fetch(attachmentUrl(id), { method: 'HEAD', credentials: 'same-origin', signal });
      if (!r.ok) throw new Error(String(r.status));
      return {
        id,
        name: fileNameOf(r.headers.get('Content-Disposition')) ?? `#${id}`,
        size: Number(r.headers.get('Content-Length')) || undefined,
        contentType: r.headers.get('Content-Type') ?? undefined,
      };
    },
    staleTime: Infinity,
  };
}

export function useAttachmentInfo(id: number) {
  return useQuery(attachmentInfoQuery(id));
}

export function formatSize(n: number | undefined): string {
  if (n === undefined) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const PREVIEWABLE = /^(image\/(png|jpeg|gif|webp)|text\/plain|application\/pdf)/;

function Preview({ file, onClose }: { file: AttachmentRef; onClose: () => void }) {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('common');
  const [state, setState] = useState<{ url?: string; text?: string; error?: string }>({});
  useEffect(() => {
    const ctl = new AbortController();
    let url: string | undefined;
    fetchBlob(attachmentUrl(file.id), ctl.signal).then(
      async (blob) => {
        if (blob.type.startsWith('text/')) setState({ text: (await blob.text()).slice(0, 200_000) });
        else {
          url = URL.createObjectURL(blob);
          setState({ url });
        }
      },
      (e: unknown) => {
        if (!ctl.signal.aborted) setState({ error: errorMessage(e, tc) });
      },
    );
    return () => {
      ctl.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [file.id, tc]);
  const isPdf = file.contentType?.startsWith('application/pdf');
  return (
    <Modal open title={file.name} onCancel={onClose} footer={null} width={900}>
      {state.error ? (
        <p role="alert">
          {t('attachments.previewFailed')} {state.error}
        </p>
      ) : null}
      {state.text !== undefined ? <pre className="dd-preview-text">{state.text}</pre> : null}
      {state.url && !isPdf ? <img className="dd-preview-image" src={state.url} alt={file.name} /> : null}
      {state.url && isPdf ? (
        <p>
          <a href={state.url} target="_blank" rel="noopener noreferrer">
            {t('attachments.openPdf')}
          </a>
        </p>
      ) : null}
    </Modal>
  );
}

export function AttachmentLink({ file }: { file: AttachmentRef }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState(false);
  const canPreview = !!file.contentType && PREVIEWABLE.test(file.contentType);
  return (
    <span className="dd-attachment">
      <a href={attachmentUrl(file.id)} download={file.name}>
        {file.name}
      </a>
      {file.size !== undefined ? <span className="dd-secondary"> ({formatSize(file.size)})</span> : null}
      {canPreview ? (
        <Button
          type="link"
          size="small"
          onClick={() => setPreview(true)}
          aria-label={t('attachments.previewOf', { name: file.name })}
        >
          {t('attachments.preview')}
        </Button>
      ) : null}
      {preview ? <Preview file={file} onClose={() => setPreview(false)} /> : null}
    </span>
  );
}

/** An attachment known only by id (history events): name and type from HEAD. */
export function AttachmentById({ id }: { id: number }) {
  const info = useAttachmentInfo(id);
  if (!info.data) return <span className="dd-secondary">#{id}</span>;
  return <AttachmentLink file={info.data} />;
}

/** Picks files and uploads each at once, with a progress bar; the uploaded ones go to `onChange`. */
export function AttachmentUploader({
  value,
  onChange,
}: {
  value: AttachmentRef[];
  onChange: (files: AttachmentRef[]) => void;
}) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<{ uid: string; name: string; percent: number; error?: string }[]>(
    [],
  );
  // Uploads finish after re-renders: they add to the latest list, not the one they started with.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  });
  const fileList: UploadFile[] = value.map((f) => ({ uid: String(f.id), name: f.name, status: 'done' }));
  return (
    <div className="dd-uploader">
      <Upload
        multiple
        fileList={fileList}
        showUploadList={{ showRemoveIcon: true }}
        onRemove={(f) => {
          onChange(value.filter((v) => String(v.id) !== f.uid));
          return true;
        }}
        customRequest={(options) => {
          const file = options.file as File;
          const uid = `${file.name}-${Date.now()}-${Math.random()}`;
          setPending((p) => [...p, { uid, name: file.name, percent: 0 }]);
          uploadFile(file, {
            onProgress: (f) =>
              setPending((p) => p.map((x) => (x.uid === uid ? { ...x, percent: Math.round(f * 100) } : x))),
          }).then(
            (u: UploadedFile) => {
              setPending((p) => p.filter((x) => x.uid !== uid));
              onChange([
                ...latest.current,
                { id: u.id, name: u.name, size: u.size, contentType: u.contentType },
              ]);
              options.onSuccess?.(u);
            },
            (e: unknown) => {
              setPending((p) =>
                p.map((x) =>
                  x.uid === uid ? { ...x, error: e instanceof Error ? e.message : String(e) } : x,
                ),
              );
              options.onError?.(e as Error);
            },
          );
        }}
      >
        <Button>{t('attachments.add')}</Button>
      </Upload>
      {pending.map((p) => (
        <div key={p.uid} className="dd-upload-progress">
          <span className="dd-ellipsis">{p.name}</span>
          <Progress
            percent={p.percent}
            size="small"
            status={p.error ? 'exception' : 'active'}
            aria-label={t('attachments.uploading', { name: p.name })}
          />
          {p.error ? <span role="alert">{t('attachments.failed', { message: p.error })}</span> : null}
        </div>
      ))}
    </div>
  );
}
