// A notification row as the API (and the live stream) shows it.
import { readJson } from '../db/json.js';
import { isoTime } from '../db/time.js';

export function notificationToApi(r: any) {
  return {
    id: Number(r.id),
    kind: r.kind,
    template: r.template ?? null,
    title: r.title,
    body: r.body ?? null,
    taskId: r.task_id === null || r.task_id === undefined ? null : Number(r.task_id),
    payload: readJson(r.payload) ?? null,
    createdAt: isoTime(r.created_at),
    readAt: isoTime(r.read_at),
  };
}

export const viDate = (day: string | null | undefined) => (day ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : null);
