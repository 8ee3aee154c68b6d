/** The sub-task tree: the task's children, each expandable to its own (GET /api/tasks?parent=). */
import { Progress, Tree, type TreeDataNode } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { Link } from '../app/router';
import type { TaskChild, TaskList } from '../app/types';
import { DueCell } from '../inbox/TaskRows';

function node(
  c: Pick<TaskChild, 'id' | 'code' | 'title' | 'dueDate' | 'progress' | 'stateCategory'>,
  unitName: (id: number) => string,
  leadUnitId: number,
): TreeDataNode {
  return {
    key: c.id,
    isLeaf: false,
    title: (
      <span className="dd-subtask">
        <span className="dd-task-code">{c.code}</span> <Link to={`/tasks/${c.id}`}>{c.title}</Link>
        <span className="dd-secondary"> · {unitName(leadUnitId)} · </span>
        <DueCell task={c} />
        <Progress percent={c.progress} size="small" className="dd-subtask-progress" />
      </span>
    ),
  };
}

export function SubtaskTree({ items, unitName }: { items: TaskChild[]; unitName: (id: number) => string }) {
  const { t } = useTranslation();
  const [tree, setTree] = useState<TreeDataNode[]>(() => items.map((c) => node(c, unitName, c.leadUnitId)));
  if (!items.length) return <p className="dd-secondary">{t('task.noSubtasks')}</p>;
  const attach = (nodes: TreeDataNode[], key: number, children: TreeDataNode[]): TreeDataNode[] =>
    nodes.map((n) =>
      n.key === key
        ? { ...n, children, isLeaf: children.length === 0 }
        : n.children
          ? { ...n, children: attach(n.children, key, children) }
          : n,
    );
  return (
    <Tree
      treeData={tree}
      selectable={false}
      aria-label={t('task.subtasks')}
      loadData={async (n) => {
        const list = await api<TaskList>('/api/tasks', {
          query: { parent: String(n.key), limit: 200, sort: 'code' },
        });
        setTree((cur) =>
          attach(
            cur,
            Number(n.key),
            list.items.map((c) => node(c, unitName, c.leadUnitId)),
          ),
        );
      }}
    />
  );
}
