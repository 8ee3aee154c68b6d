import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@shared/api';
import type { Category, TaskList } from '../app/types';

const PAGE = 100;

/** Pages of GET /api/tasks (cursor pagination); the first page also brings the counts per category. */
export function useTaskList(query: Record<string, string | undefined>, category: Category | null) {
  return useInfiniteQuery({
    queryKey: ['tasks', 'list', query, category],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<TaskList>('/api/tasks', {
        signal,
        query: {
          ...query,
          category: category ?? undefined,
          limit: PAGE,
          cursor: pageParam ?? undefined,
          counts: pageParam ? undefined : 'true',
        },
      }),
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 15_000,
  });
}
