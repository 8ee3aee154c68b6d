// The reports capability's service: which reports a viewer may run, running one (cached), drilling from
// a cell to the rows behind it. Every query carries the viewer's permission filter, compiled to SQL.
import { subject } from '@casl/ability';
import type { Report } from '@dondoc/metadata';
import type { Services } from '../services.js';
import type { Principal } from '../org/principal.js';
import type { AppAbility } from '../access/ability.js';
import { accessCondition } from '../access/sql.js';
import { forbidden, HttpError, invalid, notFound } from '../api/errors.js';
import { addDays } from '../calendar/days.js';
import { hanoiDate } from '../db/time.js';
import { dialectOf } from '../db/connect.js';
import { indexedFields } from '../tasks/indexed.js';
import { rolesOf } from '../tasks/field-access.js';
import { ReportCache, dataVersion } from './cache.js';
import { baseUnitParam, compile, datasetOf, MAX_GROUPS, type CompileContext } from './compile.js';
import { finish, type Column, type Row } from './result.js';
import { enumOptions, resolveParams, type ParamValues } from './params.js';
import { UnitCache, type UnitTree } from './units.js';
import { WorkingDayNumbers } from './workingDayNumbers.js';
import { drillRows, type DrillResult } from './drill.js';
import { describeParameters } from './export/params.js';

/** A report as stored in the registry (or built in code, e.g. the dashboard's). */
export interface ReportDoc {
  key: string;
  pillar: string | null;
  version: number;
  checksum: string;
  body: Report;
}

export interface ReportResult {
  report: { key: string; name: string; nameEn?: string; description?: string; dataset: string; pillar: string | null; version: number; visualisation?: Report['visualisation'] };
  parameters: ParamValues;
  columns: Column[];
  rows: Row[];
  totals: Record<string, number | null> | null;
  meta: {
    today: string;
    generatedAt: string;
    cached: boolean;
    rowCount: number;
    /** The unit the report is about: the unit parameter, else the viewer's own unit. */
    unit: { id: number; name: string } | null;
  };
}

export interface Viewer {
  principal: Principal;
  ability: AppAbility;
  ip?: string;
}

const DELAY_MEASURES = new Set(['avgDelayDays', 'maxDelayDays']);

export class ReportService {
  private _units?: UnitCache;
  private _workingDays?: WorkingDayNumbers;
  private _cache?: ReportCache;

  constructor(private s: () => Services) {}

  get units(): UnitCache {
    return (this._units ??= new UnitCache(this.s().knex));
  }
  get workingDays(): WorkingDayNumbers {
    return (this._workingDays ??= new WorkingDayNumbers(this.s().knex, this.s().calendar));
  }
  get cache(): ReportCache {
    const s = this.s();
    return (this._cache ??= new ReportCache(s.knex, s.clock, s.config.reportCacheSeconds ?? 60));
  }

  /** The pillar whose view of the metadata the viewer sees (as GET /api/metadata does). */
  viewerPillar(p: Principal): string | null {
    return p.pillar ?? p.positions[0]?.pillar ?? null;
  }

  /** The viewer's own unit: the deepest unit above all their positions (none for platform-level users). */
  viewerUnit(p: Principal, tree: UnitTree): number | null {
    if (p.pillar === null || !p.positions.length) return null;
    return tree.commonAncestor(p.positions.map((x) => x.unitId))?.id ?? null;
  }

  private reportSubject(doc: { key: string; pillar: string | null }, p: Principal) {
    return subject('Report', { key: doc.key, pillar: doc.pillar ?? this.viewerPillar(p) ?? '' }) as any;
  }

  /** The published reports the viewer may run, with their parameters (enum choices resolved). */
  async list(v: Viewer) {
    const s = this.s();
    await s.metadata.snapshot.ensureFresh();
    const pillar = this.viewerPillar(v.principal);
    const items = [];
    for (const key of s.metadata.snapshot.keys('report')) {
      const doc = s.metadata.snapshot.resolve('report', key, pillar);
      if (!doc) continue;
      const d = { key, pillar: doc.pillar || null };
      if (!v.ability.can('read', this.reportSubject(d, v.principal))) continue;
      const body = doc.body as Report;
      items.push({
        key,
        name: body.name,
        nameEn: body.nameEn,
        description: body.description,
        dataset: body.dataset,
        pillar: d.pillar,
        version: doc.version,
        visualisation: body.visualisation,
        canExport: v.ability.can('export', this.reportSubject(d, v.principal)),
        parameters: (body.parameters ?? []).map((p) => ({
          ...p,
          ...(p.type === 'enum' ? { options: enumOptions(p, { catalog: (c) => this.catalogItems(c, pillar) }) } : {}),
        })),
      });
    }
    return items;
  }

  private catalogItems(key: string, pillar: string | null) {
    return (this.s().metadata.snapshot.resolve('catalog', key, pillar)?.body?.items ?? []) as Array<{ value: string | number; label: string; labelEn?: string }>;
  }

  /** The report as the viewer's pillar sees it, after the permission check (`export` for files). */
  async load(v: Viewer, key: string, action: 'read' | 'export' = 'read'): Promise<ReportDoc> {
    const s = this.s();
    const doc = await s.metadata.resolve('report', key, this.viewerPillar(v.principal));
    if (!doc) throw notFound('Không tìm thấy báo cáo');
    const d = { key, pillar: doc.pillar };
    if (!v.ability.can(action, this.reportSubject(d, v.principal))) {
      await s.audit.write({ action: 'access.denied', outcome: 'denied', actorId: v.principal.id, actor: v.principal.username, subjectType: 'Report', subjectId: key, pillar: doc.pillar, ip: v.ip, detail: { action } });
      throw forbidden();
    }
    return { key, pillar: doc.pillar, version: doc.version, checksum: doc.checksum, body: doc.body as Report };
  }

  /**
   * A report that groups, filters or measures by a form field (`field: "data.<name>"`) shows that field's
   * values in its totals; a viewer who may not read the field in some published form is refused (and
   * logged), as a list filter on it would hide those tasks from them.
   */
  private async refuseHiddenFields(v: Viewer, doc: ReportDoc): Promise<void> {
    const s = this.s();
    const fields = new Set<string>();
    JSON.stringify(doc.body, (k, val) => {
      if (k === 'field' && typeof val === 'string' && val.startsWith('data.')) fields.add(val.slice(5));
      return val;
    });
    const roles = rolesOf(v.principal);
    for (const field of fields) {
      if (!(await s.tasks.fieldAccess.formsHiding(field, roles)).length) continue;
      await s.audit.write({ action: 'access.denied', outcome: 'denied', actorId: v.principal.id, actor: v.principal.username, subjectType: 'Report', subjectId: doc.key, pillar: doc.pillar, ip: v.ip, detail: { reason: 'hidden_field', field: `/data/${field}` } });
      throw new HttpError(403, 'forbidden', 'Báo cáo dùng một trường biểu mẫu bạn không có quyền xem', [{ path: `/data/${field}`, message: 'bạn không có quyền xem trường này' }]);
    }
  }

  /** Everything a run and a drill-down share: parameters, scope, today, the compiled query. */
  private async prepare(v: Viewer, doc: ReportDoc, query: Record<string, unknown>) {
    const s = this.s();
    const report = doc.body;
    await this.refuseHiddenFields(v, doc);
    const ds = datasetOf(report, (key) => s.plugins.datasets.get(key));
    const tree = await this.units.get();
    const pillar = this.viewerPillar(v.principal);
    const today = hanoiDate(s.clock.now());
    const viewerUnit = this.viewerUnit(v.principal, tree);
    const params = resolveParams(report, query, {
      today,
      tree,
      viewerUnit,
      pillars: (await s.knex('pillars').pluck('key')) as string[],
      taskTypes: s.metadata.snapshot.keys('taskType'),
      catalog: (c) => this.catalogItems(c, pillar),
    });
    // A unit the viewer may not even see is refused (and logged), not silently reported as empty.
    for (const p of report.parameters ?? []) {
      if (p.type !== 'unit' || params[p.key] === null || query[p.key] === undefined) continue;
      for (const id of [params[p.key]].flat()) {
        const u = tree.get(Number(id))!;
        if (!v.ability.can('read', subject('Unit', { id: u.id, path: u.path, pillar: u.pillar }) as any)) {
          await s.audit.write({ action: 'access.denied', outcome: 'denied', actorId: v.principal.id, actor: v.principal.username, subjectType: 'Unit', subjectId: u.id, pillar: u.pillar, ip: v.ip, detail: { action: 'read', report: doc.key } });
          throw forbidden('Không có quyền xem báo cáo của đơn vị này');
        }
      }
    }
    const usesDelay = ds.taskMeasures && report.measures.some((m) => DELAY_MEASURES.has(m.type));
    const calendar = usesDelay ? await this.workingDays.ensure() : null;
    const dialect = dialectOf(s.knex);
    const ctx: CompileContext = {
      knex: s.knex,
      dialect,
      report,
      dataset: ds,
      params,
      access: accessCondition(v.ability, 'read', ds.subject, ds.accessFields, dialect),
      today,
      soonUntil: addDays(today, report.dueSoonDays ?? 3),
      todayN: calendar ? WorkingDayNumbers.numberOf(calendar, today) : 0,
      tree,
      indexed: ds.formFields ? await indexedFields(s.knex) : [],
      formFieldCatalog: (field) => this.formFieldCatalog(field, pillar),
    };
    const baseParam = baseUnitParam(report);
    const unitId = (baseParam !== undefined ? Number(params[baseParam]) || null : null) ?? viewerUnit;
    const unit = unitId ? tree.get(unitId) : undefined;
    return { ctx, tree, pillar, today, params, unit: unit ? { id: unit.id, name: unit.name } : null };
  }

  private formFieldCatalog(field: string, pillar: string | null): string | undefined {
    const snap = this.s().metadata.snapshot;
    for (const key of snap.keys('form')) {
      const f = snap.resolve('form', key, pillar)?.body?.fields?.[field];
      if (f?.catalog) return f.catalog;
    }
    return undefined;
  }

  async run(v: Viewer, key: string, query: Record<string, unknown>, opts: { action?: 'read' | 'export'; cache?: boolean } = {}): Promise<ReportResult> {
    return this.runDoc(v, await this.load(v, key, opts.action ?? 'read'), query, opts);
  }

  /** Runs a report document (stored, or built in code). */
  async runDoc(v: Viewer, doc: ReportDoc, query: Record<string, unknown>, opts: { cache?: boolean } = {}): Promise<ReportResult> {
    const s = this.s();
    const { ctx, pillar, today, params, unit } = await this.prepare(v, doc, query);
    const useCache = opts.cache !== false && this.cache.enabled;
    const cacheKey = useCache
      ? ReportCache.keyOf([doc.key, doc.pillar, doc.version, doc.checksum, params, ctx.access, pillar, today, ctx.todayN, unit?.id ?? null, await dataVersion(s.knex)])
      : '';
    if (useCache) {
      const hit = await this.cache.get<ReportResult>(cacheKey);
      if (hit) return { ...hit, meta: { ...hit.meta, cached: true } };
    }
    const compiled = compile(ctx);
    const sqlRows = await compiled.grouped;
    if (sqlRows.length > MAX_GROUPS) throw invalid([{ path: '/dimensions', message: `báo cáo có quá ${MAX_GROUPS} nhóm; hãy lọc bớt hoặc gộp chiều` }], 'Báo cáo quá chi tiết');
    const table = await finish(compiled, sqlRows, doc.body, { knex: s.knex, tree: ctx.tree, snapshot: s.metadata.snapshot, pillar });
    const b = doc.body;
    const result: ReportResult = {
      report: { key: doc.key, name: b.name, nameEn: b.nameEn, description: b.description, dataset: b.dataset, pillar: doc.pillar, version: doc.version, visualisation: b.visualisation },
      parameters: params,
      columns: table.columns,
      rows: table.rows,
      totals: table.totals,
      meta: { today, generatedAt: s.clock.now().toISOString(), cached: false, rowCount: table.rowCount, unit },
    };
    if (useCache) await this.cache.set(cacheKey, doc.key, result);
    return result;
  }

  /** The rows behind one cell: `d.<dimension>=<value>` for each dimension of the row, `measure=<key>`. */
  async drill(v: Viewer, key: string, query: Record<string, unknown>): Promise<DrillResult> {
    const doc = await this.load(v, key, 'read');
    const { ctx } = await this.prepare(v, doc, query);
    const compiled = compile(ctx);
    return drillRows(this.s(), ctx, compiled, query, v.principal);
  }

  now(): Date {
    return this.s().clock.now();
  }

  /** The draft states of every published workflow (drafts are not assigned yet: statistics skip them). */
  async draftStates(): Promise<string[]> {
    const s = this.s();
    await s.metadata.snapshot.ensureFresh();
    const out = new Set<string>();
    for (const pillar of ['', ...((await s.knex('pillars').pluck('key')) as string[])])
      for (const key of s.metadata.snapshot.keys('workflow')) {
        const draft = s.metadata.snapshot.exact('workflow', key, pillar)?.body?.draft;
        if (typeof draft === 'string') out.add(draft);
      }
    return [...out].sort();
  }

  /** The parameters of a result as people read them, and the units files show in their heading. */
  async describe(v: Viewer, result: ReportResult, body: Report) {
    const s = this.s();
    const tree = await this.units.get();
    const pillar = this.viewerPillar(v.principal);
    const pillars = new Map((await s.knex('pillars').select('key', 'name')).map((r: any) => [r.key, r.name as string]));
    const parameters = describeParameters(body, result.parameters, {
      unit: (id) => tree.get(id)?.name,
      pillar: (k) => pillars.get(k),
      taskType: (k) => s.metadata.snapshot.resolve('taskType', k, pillar)?.body?.name,
      option: (key, value) => {
        const p = (body.parameters ?? []).find((x) => x.key === key);
        return p ? enumOptions(p, { catalog: (c) => this.catalogItems(c, pillar) }).find((o) => String(o.value) === String(value))?.label : undefined;
      },
    });
    const own = this.viewerUnit(v.principal, tree);
    const viewerUnit = own ? tree.get(own)?.name : v.principal.positions.map((p) => p.unitName).join('; ');
    return { parameters, viewerUnit: viewerUnit || null, unitName: result.meta.unit?.name ?? null, author: v.principal.fullName };
  }
}
