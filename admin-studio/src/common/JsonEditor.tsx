import { Alert, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The document as JSON, for experts: applied as soon as it parses. */
export function JsonEditor({ value, onChange, rows = 28, readOnly = false }: { value: unknown; onChange?(v: unknown): void; rows?: number; readOnly?: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // Take outside changes unless they are what this editor just produced.
    setText((current) => {
      try {
        if (JSON.stringify(JSON.parse(current)) === JSON.stringify(value)) return current;
      } catch {
        /* the text being typed does not parse yet */
      }
      return JSON.stringify(value, null, 2);
    });
  }, [value]);
  return (
    <div className="dd-json">
      <Input.TextArea
        aria-label={t('editor.jsonLabel')}
        className="dd-code"
        value={text}
        rows={rows}
        readOnly={readOnly}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed: unknown = JSON.parse(e.target.value);
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(t('editor.jsonObject'));
            setError(null);
            onChange?.(parsed);
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      />
      {error ? <Alert type="error" showIcon title={t('editor.jsonInvalid')} description={error} /> : null}
    </div>
  );
}
