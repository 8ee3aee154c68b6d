import { Empty, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { diffDocs, type Change } from './diff';

function show(v: unknown): string {
  if (v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

const COLORS: Record<Change['op'], string> = { add: 'green', remove: 'red', change: 'blue', move: 'purple' };

/** What changed from `left` to `right`, one row per change. */
export function DiffView({ left, right, leftLabel, rightLabel }: { left: unknown; right: unknown; leftLabel: string; rightLabel: string }) {
  const { t } = useTranslation();
  const changes = useMemo(() => diffDocs(left, right), [left, right]);
  if (!changes.length) return <Empty description={t('diff.same')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Table<Change & { n: number }>
      className="dd-diff"
      size="small"
      rowKey="n"
      pagination={false}
      dataSource={changes.map((c, n) => ({ ...c, n }))}
      caption={t('diff.caption', { count: changes.length, left: leftLabel, right: rightLabel })}
      columns={[
        { title: t('diff.op'), dataIndex: 'op', width: 110, render: (op: Change['op']) => <Tag color={COLORS[op]}>{t(`diff.ops.${op}`)}</Tag> },
        { title: t('diff.path'), dataIndex: 'path', render: (p: string[]) => <code className="dd-code">{p.join(' › ') || '/'}</code> },
        { title: leftLabel, dataIndex: 'before', render: (v: unknown) => <span className="dd-diff-before">{show(v)}</span> },
        { title: rightLabel, dataIndex: 'after', render: (v: unknown) => <span className="dd-diff-after">{show(v)}</span> },
      ]}
    />
  );
}
