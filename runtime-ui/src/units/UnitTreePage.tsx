import { useQuery } from '@tanstack/react-query';
import { Empty, Input, Tree, type TreeDataNode } from 'antd';
import { useDeferredValue, useMemo, useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { ErrorAlert } from '@shared/errors';
import { Loading } from '@shared/Loading';
import { foldForSearch } from '@shared/text';
import type { ListResponse } from '@shared/types';
import { buildTree, filterTree, type TreeItem } from './buildTree';
import type { Unit } from './types';

function toTreeData(nodes: TreeItem<Unit>[], keep: Set<number> | null): TreeDataNode[] {
  return nodes
    .filter((node) => keep === null || keep.has(node.item.id))
    .map((node) => ({
      key: String(node.item.id),
      title: (
        <span className="dd-unit">
          <span>{node.item.name}</span>
          {node.item.code ? <span className="dd-secondary dd-unit-code">{node.item.code}</span> : null}
        </span>
      ),
      children: toTreeData(node.children, keep),
    }));
}

export function UnitTreePage() {
  const { t } = useTranslation();
  const units = useQuery({
    queryKey: ['units'],
    queryFn: ({ signal }) => api<ListResponse<Unit>>('/api/units', { signal }),
  });
  const [search, setSearch] = useState('');
  const term = foldForSearch(useDeferredValue(search));
  const [browseExpanded, setBrowseExpanded] = useState<Key[] | null>(null);
  const [searchExpanded, setSearchExpanded] = useState<{ term: string; keys: Key[] } | null>(null);

  const items = useMemo(() => units.data?.items ?? [], [units.data]);
  const forest = useMemo(() => buildTree(items), [items]);
  const filter = useMemo(
    () =>
      term
        ? filterTree(
            items,
            (unit) =>
              foldForSearch(unit.name).includes(term) || foldForSearch(unit.code ?? '').includes(term),
          )
        : null,
    [items, term],
  );
  const treeData = useMemo(() => toTreeData(forest, filter?.keep ?? null), [forest, filter]);

  const expandedKeys: Key[] = filter
    ? searchExpanded?.term === term
      ? searchExpanded.keys
      : [...filter.expand].map(String)
    : (browseExpanded ?? forest.map((root) => String(root.item.id)));

  let body;
  if (units.isPending) body = <Loading />;
  else if (units.isError) body = <ErrorAlert error={units.error} onRetry={() => void units.refetch()} />;
  else if (items.length === 0) body = <Empty description={t('units.empty')} />;
  else if (treeData.length === 0) body = <Empty description={t('units.noMatch')} />;
  else
    body = (
      <Tree
        aria-label={t('units.treeLabel')}
        className="dd-unit-tree"
        treeData={treeData}
        expandedKeys={expandedKeys}
        onExpand={(keys) => (filter ? setSearchExpanded({ term, keys }) : setBrowseExpanded(keys))}
        blockNode
        showLine
      />
    );

  return (
    <section className="dd-panel" aria-labelledby="dd-units-title">
      <div className="dd-panel-head">
        <h1 id="dd-units-title" className="dd-page-title">
          {t('units.title')}
        </h1>
        <span className="dd-secondary">
          {units.data ? t('units.count', { count: items.length }) : t('units.description')}
        </span>
      </div>
      <Input
        type="search"
        className="dd-unit-search"
        aria-label={t('units.search')}
        placeholder={t('units.search')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        allowClear
      />
      {body}
    </section>
  );
}
