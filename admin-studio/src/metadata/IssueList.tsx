import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ValidationIssue } from './types';

/** The engine's issues, each with the JSON Pointer of what it is about. */
export function IssueList({ issues, refused }: { issues: ValidationIssue[]; refused: boolean }) {
  const { t } = useTranslation();
  if (!issues.length) return null;
  return (
    <Alert
      className="dd-issues"
      type={refused ? 'error' : 'warning'}
      showIcon
      role={refused ? 'alert' : 'status'}
      title={refused ? t('editor.refused', { count: issues.length }) : t('editor.issues', { count: issues.length })}
      description={
        <ul className="dd-issue-list">
          {issues.slice(0, 30).map((i, n) => (
            <li key={n}>
              <code className="dd-code">{i.path || '/'}</code> {i.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}
