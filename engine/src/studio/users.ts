// People of a pillar for the Studio: list users with their positions, create a user with a one-time
// initial password (changed at first sign-in), reset it, deactivate, add and remove positions.
import crypto from 'node:crypto';
import { defineRoutes } from '../api/routes.js';
import { authorize } from '../api/authorize.js';
import { bodyValidator } from '../api/validate.js';
import { conflict, forbidden, invalid, notFound } from '../api/errors.js';
import { roleIsConfined } from '@dondoc/metadata';
import { toDbTime, isoTime } from '../db/time.js';
import { hashPassword } from '../identity/passwords.js';
import type { Services } from '../services.js';
import { actor, idParam, scopeParam, type Ctx } from './shared.js';

const ROLE_KEY = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 };
const positionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['unitId', 'roleKey'],
  properties: { unitId: { type: 'integer', minimum: 1 }, roleKey: ROLE_KEY, title: { type: 'string', maxLength: 200 } },
};
interface PositionInput {
  unitId: number;
  roleKey: string;
  title?: string;
}
const parseCreate = bodyValidator<{ username: string; fullName: string; email?: string; pillar: string; positions?: PositionInput[] }>({
  type: 'object',
  additionalProperties: false,
  required: ['username', 'fullName', 'pillar'],
  properties: {
    username: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{2,99}$' },
    fullName: { type: 'string', minLength: 1, maxLength: 200 },
    email: { type: 'string', format: 'email', maxLength: 200 },
    pillar: { type: 'string', minLength: 1, maxLength: 16 },
    positions: { type: 'array', maxItems: 20, items: positionSchema },
  },
});
const parseUpdate = bodyValidator<{ fullName?: string; email?: string | null; active?: boolean }>({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    fullName: { type: 'string', minLength: 1, maxLength: 200 },
    email: { anyOf: [{ type: 'string', format: 'email', maxLength: 200 }, { type: 'null' }] },
    active: { type: 'boolean' },
  },
});
const parsePosition = bodyValidator<PositionInput>(positionSchema);

const initialPassword = () => crypto.randomBytes(12).toString('base64url');

async function usersWithPositions(s: Services, userIds: number[]) {
  if (!userIds.length) return [];
  const users = await s.knex('users').whereIn('id', userIds).orderBy('username').select('id', 'username', 'full_name', 'email', 'pillar', 'active', 'must_change_password', 'last_login_at', 'created_at');
  const positions = await s.knex('positions as p')
    .join('units as u', 'u.id', 'p.unit_id')
    .whereIn('p.user_id', userIds)
    .where('p.active', true)
    .orderBy('p.id')
    .select('p.id', 'p.user_id', 'p.unit_id', 'p.role_key', 'p.title', 'u.name as unit_name', 'u.path as unit_path', 'u.pillar');
  return users.map((u) => ({
    id: Number(u.id),
    username: u.username,
    fullName: u.full_name,
    email: u.email ?? null,
    pillar: u.pillar ?? null,
    active: !!u.active,
    mustChangePassword: !!u.must_change_password,
    lastLoginAt: isoTime(u.last_login_at),
    createdAt: isoTime(u.created_at),
    positions: positions
      .filter((p) => Number(p.user_id) === Number(u.id))
      .map((p) => ({
        id: Number(p.id),
        unitId: Number(p.unit_id),
        unitName: p.unit_name,
        unitPath: p.unit_path,
        pillar: p.pillar,
        roleKey: p.role_key,
        roleName: s.access.roleName(p.role_key, p.pillar) ?? p.role_key,
        title: p.title ?? null,
      })),
  }));
}

async function loadUser(s: Services, id: number) {
  const u = await s.knex('users').where({ id }).first('id', 'username', 'pillar');
  if (!u) throw notFound('Không tìm thấy người dùng');
  return u as { id: number; username: string; pillar: string | null };
}

/** Checks a position before it is written: unit exists and is active, role is published for its pillar. */
async function checkPosition(ctx: Ctx, s: Services, userId: number, p: PositionInput, path: string) {
  const unit = await s.knex('units').where({ id: p.unitId, active: true }).first('id', 'path', 'pillar');
  if (!unit) throw invalid([{ path: `${path}/unitId`, message: 'đơn vị không tồn tại' }]);
  if (!s.metadata.snapshot.resolve('role', p.roleKey, unit.pillar)) throw invalid([{ path: `${path}/roleKey`, message: 'vai trò chưa được xuất bản' }]);
  await authorize(ctx, s, 'create', 'Position', { userId, unitId: unit.id, unitPath: unit.path, pillar: unit.pillar, role: p.roleKey });
  await checkDelegable(ctx, s, p.roleKey, unit.pillar, { userId, unitId: unit.id });
  return unit as { id: number; path: string; pillar: string };
}

/**
 * A role that reaches beyond the pillar of its position (the platform administrator's, or any role with
 * rules not confined to one pillar: @dondoc/metadata roleIsConfined) is given or taken away only by
 * someone who holds every right — a pillar's administrators manage their pillar, never the platform.
 */
async function checkDelegable(ctx: Ctx, s: Services, roleKey: string, pillar: string, fields: Record<string, unknown>) {
  const role = s.metadata.snapshot.resolve('role', roleKey, pillar)?.body;
  if (!role || roleIsConfined(role)) return;
  const everything = ctx.state.ability!.rules.some((r) => !r.inverted && !r.conditions && [r.action].flat().includes('manage') && [r.subject].flat().includes('all'));
  if (everything) return;
  const p = ctx.state.principal!;
  await s.audit.write({ action: 'access.denied', outcome: 'denied', actorId: p.id, actor: p.username, subjectType: 'Position', subjectId: JSON.stringify({ ...fields, role: roleKey }).slice(0, 200), pillar, ip: ctx.ip, detail: { reason: 'role_beyond_pillar', role: roleKey, method: ctx.method, path: ctx.path } });
  throw forbidden('Chỉ quản trị hệ thống được giao hoặc thu hồi vai trò vượt ra ngoài một khối');
}

export const userRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/studio/users',
    summary: 'Users of a pillar (?pillar=, ?q= searches name and user name) with their active positions',
    tags: ['studio'],
    action: 'read',
    subject: 'User',
    async handler(ctx, s) {
      const pillar = await scopeParam(ctx, s);
      let qb = s.access.filter(s.knex('users'), ctx.state.ability!, 'read', 'User', { id: 'users.id', pillar: 'users.pillar' });
      qb = pillar ? qb.where('users.pillar', pillar) : qb.whereNull('users.pillar');
      const q = typeof ctx.query.q === 'string' ? ctx.query.q.trim() : '';
      if (q) qb = qb.where((w) => w.where('users.username', 'like', `%${q}%`).orWhere('users.full_name', 'like', `%${q}%`));
      const ids = (await qb.orderBy('users.username').limit(500).pluck('users.id')).map(Number);
      ctx.body = { items: await usersWithPositions(s, ids) };
    },
  },
  {
    method: 'post',
    path: '/api/studio/users',
    summary: 'Create a user with a one-time initial password (in this response only; must be changed at first sign-in)',
    tags: ['studio'],
    action: 'create',
    subject: 'User',
    async handler(ctx, s) {
      const input = parseCreate(ctx.request.body ?? {});
      const pillar = await scopeParam(ctx, s, input.pillar);
      await authorize(ctx, s, 'create', 'User', { pillar });
      if (await s.knex('users').where({ username: input.username }).first('id')) throw invalid([{ path: '/username', message: 'tên đăng nhập đã có' }]);
      const units: { id: number }[] = [];
      for (const [i, p] of (input.positions ?? []).entries()) units.push(await checkPosition(ctx, s, 0, p, `/positions/${i}`));
      const password = initialPassword();
      const hash = await hashPassword(password);
      const by = actor(ctx);
      const id = await s.knex.transaction(async (trx) => {
        const now = toDbTime(s.clock.now());
        const [newId] = await trx('users').insert({ username: input.username, full_name: input.fullName, email: input.email ?? null, pillar: pillar || null, password_hash: hash, must_change_password: true, active: true, created_at: now, updated_at: now });
        const userId = Number(newId);
        for (const [i, p] of (input.positions ?? []).entries()) await trx('positions').insert({ user_id: userId, unit_id: units[i]!.id, role_key: p.roleKey, title: p.title ?? null, active: true });
        await s.audit.write({ action: 'user.create', actorId: by.id, actor: by.username, subjectType: 'User', subjectId: userId, pillar: pillar || null, ip: by.ip, detail: { username: input.username, positions: input.positions ?? [] } }, trx);
        return userId;
      });
      ctx.status = 201;
      ctx.body = { user: (await usersWithPositions(s, [id]))[0], initialPassword: password };
    },
  },
  {
    method: 'patch',
    path: '/api/studio/users/:id',
    summary: 'Change a user’s name, e-mail or active flag (deactivating ends their sessions)',
    tags: ['studio'],
    action: 'update',
    subject: 'User',
    async handler(ctx, s) {
      const id = idParam(ctx.params.id, '/id');
      const input = parseUpdate(ctx.request.body ?? {});
      const u = await loadUser(s, id);
      await authorize(ctx, s, 'update', 'User', { id, pillar: u.pillar ?? '' });
      const by = actor(ctx);
      if (input.active === false && id === by.id) throw conflict('Không thể tự khóa tài khoản của mình');
      await s.knex.transaction(async (trx) => {
        const now = toDbTime(s.clock.now());
        const row: Record<string, unknown> = { updated_at: now };
        if (input.fullName !== undefined) row.full_name = input.fullName;
        if (input.email !== undefined) row.email = input.email;
        if (input.active !== undefined) row.active = input.active;
        await trx('users').where({ id }).update(row);
        if (input.active === false) await trx('auth_tokens').where({ user_id: id }).whereNull('revoked_at').update({ revoked_at: now });
        await s.audit.write({ action: 'user.update', actorId: by.id, actor: by.username, subjectType: 'User', subjectId: id, pillar: u.pillar, ip: by.ip, detail: input }, trx);
      });
      ctx.body = { user: (await usersWithPositions(s, [id]))[0] };
    },
  },
  {
    method: 'post',
    path: '/api/studio/users/:id/password',
    summary: 'Reset a user’s password to a new one-time initial password (in this response only)',
    tags: ['studio'],
    action: 'update',
    subject: 'User',
    async handler(ctx, s) {
      const id = idParam(ctx.params.id, '/id');
      const u = await loadUser(s, id);
      await authorize(ctx, s, 'update', 'User', { id, pillar: u.pillar ?? '' });
      const password = initialPassword();
      const hash = await hashPassword(password);
      const by = actor(ctx);
      await s.knex.transaction(async (trx) => {
        const now = toDbTime(s.clock.now());
        await trx('users').where({ id }).update({ password_hash: hash, must_change_password: true, updated_at: now });
        await trx('auth_tokens').where({ user_id: id }).whereNull('revoked_at').update({ revoked_at: now });
        await s.audit.write({ action: 'user.password.reset', actorId: by.id, actor: by.username, subjectType: 'User', subjectId: id, pillar: u.pillar, ip: by.ip }, trx);
      });
      ctx.body = { initialPassword: password };
    },
  },
  {
    method: 'post',
    path: '/api/studio/users/:id/positions',
    summary: 'Give a user a position (unit × role); an earlier removed one is restored',
    tags: ['studio'],
    action: 'create',
    subject: 'Position',
    async handler(ctx, s) {
      const id = idParam(ctx.params.id, '/id');
      const input = parsePosition(ctx.request.body ?? {});
      await loadUser(s, id);
      const unit = await checkPosition(ctx, s, id, input, '');
      const by = actor(ctx);
      await s.knex.transaction(async (trx) => {
        const existing = await trx('positions').where({ user_id: id, unit_id: unit.id, role_key: input.roleKey }).first('id', 'active');
        if (existing?.active) throw conflict('Người dùng đã có chức vụ này');
        if (existing) await trx('positions').where({ id: existing.id }).update({ active: true, title: input.title ?? null });
        else await trx('positions').insert({ user_id: id, unit_id: unit.id, role_key: input.roleKey, title: input.title ?? null, active: true });
        await s.audit.write({ action: 'position.add', actorId: by.id, actor: by.username, subjectType: 'User', subjectId: id, pillar: unit.pillar, ip: by.ip, detail: input }, trx);
      });
      ctx.status = 201;
      ctx.body = { user: (await usersWithPositions(s, [id]))[0] };
    },
  },
  {
    method: 'delete',
    path: '/api/studio/positions/:id',
    summary: 'Remove a position (kept inactive: the history still names it)',
    tags: ['studio'],
    action: 'delete',
    subject: 'Position',
    async handler(ctx, s) {
      const id = idParam(ctx.params.id, '/id');
      const p = await s.knex('positions as p').join('units as u', 'u.id', 'p.unit_id').where('p.id', id).where('p.active', true).first('p.user_id', 'p.unit_id', 'p.role_key', 'u.path', 'u.pillar');
      if (!p) throw notFound('Không tìm thấy chức vụ');
      await authorize(ctx, s, 'delete', 'Position', { id, userId: Number(p.user_id), unitId: Number(p.unit_id), unitPath: p.path, pillar: p.pillar, role: p.role_key });
      await checkDelegable(ctx, s, p.role_key, p.pillar, { id, userId: Number(p.user_id), unitId: Number(p.unit_id) });
      const by = actor(ctx);
      await s.knex.transaction(async (trx) => {
        await trx('positions').where({ id }).update({ active: false });
        await s.audit.write({ action: 'position.remove', actorId: by.id, actor: by.username, subjectType: 'User', subjectId: Number(p.user_id), pillar: p.pillar, ip: by.ip, detail: { positionId: id, unitId: Number(p.unit_id), roleKey: p.role_key } }, trx);
      });
      ctx.body = { user: (await usersWithPositions(s, [Number(p.user_id)]))[0] };
    },
  },
]);
