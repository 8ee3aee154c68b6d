import { defineRoutes } from './routes.js';
import { dialectOf } from '../db/connect.js';
import { HttpError } from './errors.js';

export const healthRoutes = defineRoutes([
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: 200 once the database answers',
    tags: ['health'],
    public: true,
    async handler(ctx, s) {
      try {
        await s.knex.raw('SELECT 1');
      } catch {
        throw new HttpError(503, 'database_unavailable', 'Cơ sở dữ liệu không phản hồi');
      }
      ctx.body = { status: 'ok', database: dialectOf(s.knex), jobs: s.config.redisUrl ? 'redis' : 'in-process', time: s.clock.now().toISOString() };
    },
  },
]);
