/**
 * Hộp việc: my tasks, my unit's, those I monitor, assigned or coordinate; counts per statistics category
 * as badges; search, filters (in the URL), sort; a virtualised list for thousands of rows.
 */
import { useQueries } from '@tanstack/react-query';
import { Badge, Button, Empty, Input, Select, Tabs } from 'antd';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '@shared/auth';
import { formatDate } from '@shared/datetime';
import { ErrorAlert } from '@shared/errors';
import { Loading } from '@shared/Loading';
import {
  catalogOptions,
  label,
  metadataQuery,
  useForms,
  useTaskTypes,
  useUnits,
  useWorkflows,
} from '../app/meta';
import { navigate, useLocation } from '../app/router';
import { CATEGORIES, type CatalogBody, type Category, type TaskSummary } from '../app/types';
import {
  activeFilterCount,
  apiQuery,
  filtersToSearch,
  PARTIES,
  parseFilters,
  SORTS,
  type InboxFilters,
} from './filters';
import { TaskRows, type RowContext } from './TaskRows';
import { useTaskList } from './useTaskList';

const FilterPanel = lazy(() => import('./FilterPanel'));
const CreateTasksDialog = lazy(() =>
  import('../documents/CreateTasksDialog').then((m) => ({ default: m.CreateTasksDialog })),
);

export function InboxPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { search } = useLocation();
  const leader = user.positions.some((p) => p.roleKey === 'lanh-dao');
  const filters = useMemo(() => parseFilters(search, leader ? 'all' : 'handler'), [search, leader]);
  const [showFilters, setShowFilters] = useState(() => activeFilterCount(filters) > 0);
  const [text, setText] = useState(filters.q);
  const [creating, setCreating] = useState(false);

  const update = useCallback(
    (patch: Partial<InboxFilters>) =>
      navigate(`/?${filtersToSearch({ ...filters, ...patch })}`, { replace: true }),
    [filters],
  );

  const query = useMemo(() => apiQuery(filters), [filters]);
  const list = useTaskList(query, filters.category);
  const { byId: units } = useUnits();
  const types = useTaskTypes();
  const typeDocs = useMemo(() => types.data?.items ?? [], [types.data]);
  const workflows = useWorkflows(typeDocs.map((d) => d.body.workflow));
  const forms = useForms(typeDocs.map((d) => d.body.form));

  const listed = useMemo(() => {
    const out = new Map<string, { name: string; label: string; catalog?: string }>();
    for (const f of forms)
      for (const [name, opt] of Object.entries(f.body.fields ?? {}))
        if (opt.listed && name !== 'tienDo' && !out.has(name)) {
          const schema = f.body.schema.properties[name] as { title?: string } | undefined;
          out.set(name, { name, label: label(schema?.title ?? name, opt.titleEn), catalog: opt.catalog });
        }
    return [...out.values()];
  }, [forms]);
  const indexed = useMemo(() => {
    const out = new Map<string, { name: string; label: string; catalog?: string; type: string }>();
    for (const f of forms)
      for (const [name, opt] of Object.entries(f.body.fields ?? {}))
        if (opt.indexed && !out.has(name)) {
          const schema = f.body.schema.properties[name] as { title?: string; type?: string } | undefined;
          out.set(name, {
            name,
            label: label(schema?.title ?? name, opt.titleEn),
            catalog: opt.catalog,
            type: schema?.type ?? 'string',
          });
        }
    return [...out.values()];
  }, [forms]);
  const catalogs = useQueries({
    queries: [...new Set(listed.flatMap((f) => (f.catalog ? [f.catalog] : [])))].map((c) =>
      metadataQuery<CatalogBody>('catalog', c),
    ),
  });

  const ctx = useMemo((): RowContext => {
    const catalogLabel = new Map<string, Map<string, string>>();
    for (const c of catalogs)
      if (c.data)
        catalogLabel.set(c.data.key, new Map(catalogOptions(c.data.body).map((o) => [o.value, o.label])));
    return {
      unitName: (id) => units.get(id)?.name ?? `#${id}`,
      stateLabel: (task: TaskSummary) => {
        for (const w of workflows) {
          const s = w.body.states.find((x) => x.key === task.state);
          if (s && typeDocs.some((d) => d.key === task.type && d.body.workflow === w.key))
            return { label: label(s.label, s.labelEn), color: s.color };
        }
        for (const w of workflows) {
          const s = w.body.states.find((x) => x.key === task.state);
          if (s) return { label: label(s.label, s.labelEn), color: s.color };
        }
        return { label: task.state };
      },
      listedFields: listed.map((f) => ({
        name: f.name,
        label: f.label,
        format: (v) => {
          if (f.catalog) return catalogLabel.get(f.catalog)?.get(String(v)) ?? String(v);
          if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
          return String(v);
        },
      })),
    };
  }, [units, workflows, typeDocs, listed, catalogs]);

  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const first = list.data?.pages[0];
  const counts = first?.counts;
  const total = list.data?.pages.at(-1)?.total ?? first?.total ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const stateOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const w of workflows)
      for (const s of w.body.states) if (!seen.has(s.key)) seen.set(s.key, label(s.label, s.labelEn));
    return [...seen].map(([value, l]) => ({ value, label: l }));
  }, [workflows]);

  const activeCount = activeFilterCount(filters);

  return (
    <section className="dd-inbox" aria-labelledby="dd-inbox-title">
      <div className="dd-page-head">
        <h1 id="dd-inbox-title" className="dd-page-title">
          {t('inbox.title')}
        </h1>
        <span className="dd-inbox-head-tools">
          <span className="dd-secondary" aria-live="polite">
            {list.isSuccess ? t('inbox.total', { count: total }) : null}
          </span>
          {leader ? (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('inbox.newTask')}
            </Button>
          ) : null}
        </span>
      </div>
      {creating ? (
        <Suspense fallback={null}>
          <CreateTasksDialog
            onClose={() => setCreating(false)}
            onCreated={(ids) => ids[0] && navigate(`/tasks/${ids[0]}`)}
          />
        </Suspense>
      ) : null}
      <Tabs
        className="dd-party-tabs"
        activeKey={filters.party}
        onChange={(party) => update({ party: party as InboxFilters['party'] })}
        items={PARTIES.map((p) => ({ key: p, label: t(`inbox.party.${p}`) }))}
      />
      <div className="dd-category-badges" role="group" aria-label={t('inbox.categoriesLabel')}>
        <Button
          size="small"
          type={filters.category === null ? 'primary' : 'default'}
          aria-pressed={filters.category === null}
          onClick={() => update({ category: null })}
        >
          {t('inbox.allCategories')}
        </Button>
        {CATEGORIES.map((c: Category) => (
          <Button
            key={c}
            size="small"
            className={`dd-cat dd-cat-${c}`}
            type={filters.category === c ? 'primary' : 'default'}
            aria-pressed={filters.category === c}
            onClick={() => update({ category: filters.category === c ? null : c })}
            data-testid={`category-${c}`}
          >
            {t(`category.${c}`)}
            <Badge
              className="dd-cat-count"
              count={counts?.[c] ?? 0}
              showZero
              overflowCount={99999}
              color={c === 'openOverdue' ? '#a8071a' : c === 'dueSoon' ? '#ad4e00' : '#595959'}
            />
          </Button>
        ))}
      </div>
      <div className="dd-inbox-tools">
        <Input.Search
          className="dd-inbox-search"
          allowClear
          placeholder={t('inbox.searchPlaceholder')}
          aria-label={t('inbox.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(q) => update({ q })}
          enterButton={t('inbox.searchButton')}
        />
        <Select
          className="dd-inbox-sort"
          aria-label={t('inbox.sort')}
          value={filters.sort}
          onChange={(sort) => update({ sort })}
          options={SORTS.map((s) => ({ value: s, label: t(`inbox.sorts.${s}`) }))}
        />
        <Button
          onClick={() => setShowFilters((v) => !v)}
          aria-expanded={showFilters}
          aria-controls="dd-filter-panel"
        >
          {t('inbox.filters')}
          {activeCount ? <Badge count={activeCount} size="small" /> : null}
        </Button>
      </div>
      {showFilters ? (
        <Suspense fallback={<Loading />}>
          <FilterPanel
            id="dd-filter-panel"
            filters={filters}
            onChange={update}
            typeOptions={typeDocs.map((d) => ({ value: d.key, label: label(d.body.name, d.body.nameEn) }))}
            stateOptions={stateOptions}
            indexedFields={indexed}
          />
        </Suspense>
      ) : null}
      {list.isError && !items.length ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty description={t('inbox.empty')} />
      ) : (
        <TaskRows
          items={items}
          total={total}
          hasMore={!!hasNextPage}
          loadMore={loadMore}
          ctx={ctx}
          label={t('inbox.title')}
        />
      )}
      {isFetchingNextPage ? <Loading /> : null}
    </section>
  );
}
