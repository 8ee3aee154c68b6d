import {
  demoAccounts,
  flattenUnits,
  localities,
  pillarKeys,
  pillars,
  roleKeys,
  unitTrees,
  type AccountSeed,
  type FlatUnit,
  type PillarKey,
  type UnitSeed,
} from './index.js';

const CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

const flat: FlatUnit[] = pillarKeys.flatMap((p) => flattenUnits(unitTrees[p], p));
const byCode = new Map(flat.map((u) => [u.code, u]));

function countUnits(u: UnitSeed): number {
  return 1 + (u.children ?? []).reduce((n, c) => n + countUnits(c), 0);
}

/** True when `code` is `ancestor` or lies below it. */
function inSubtree(code: string, ancestor: string): boolean {
  for (let u = byCode.get(code); u; u = u.parentCode ? byCode.get(u.parentCode) : undefined) {
    if (u.code === ancestor) return true;
  }
  return false;
}

function account(username: string): AccountSeed {
  const a = demoAccounts.find((x) => x.username === username);
  if (!a) throw new Error(`no demo account ${username}`);
  return a;
}

describe('pillars', () => {
  it('has the four pillars of DOMAIN.md with distinct task-code prefixes', () => {
    expect(pillars.map((p) => p.key)).toEqual(['thanhuy', 'hdnd', 'ubnd', 'mttq']);
    expect(Object.keys(unitTrees).sort()).toEqual([...pillarKeys].sort());
    expect(new Set(pillars.map((p) => p.code)).size).toBe(4);
    for (const p of pillars) {
      expect(p.code).toMatch(/^[A-Z]{2,8}$/);
      expect(p.name).toContain('Hà Nội');
      expect(p.name).toBe(unitTrees[p.key].name);
    }
  });
});

describe('unit trees', () => {
  it('has unique codes of the QĐ 20/2020 shape across all pillars', () => {
    for (const u of flat) expect(u.code).toMatch(CODE);
    expect(new Set(flat.map((u) => u.code)).size).toBe(flat.length);
  });

  it('nests codes level by level: a child differs from its parent only in the next level group', () => {
    for (const u of flat) {
      expect(u.depth).toBeLessThanOrEqual(3);
      const [l4, l3, l2, l1] = u.code.split('.');
      if (u.parentCode === null) {
        expect([l4, l3, l2]).toEqual(['000', '00', '00']);
        expect(u.kind).toBe('pillar-office');
        continue;
      }
      const parent = u.parentCode.split('.');
      const own = [l4, l3, l2, l1];
      const level = 3 - u.depth; // index of the group this unit's level owns
      own.forEach((group, i) => {
        if (i === level) expect(Number(group)).toBeGreaterThan(0);
        else expect(group).toBe(parent[i]);
      });
    }
  });

  it('uses one code letter per pillar', () => {
    for (const p of pillarKeys) {
      const letters = new Set(flat.filter((u) => u.pillar === p).map((u) => u.code.slice(-3)));
      expect(letters.size).toBe(1);
    }
  });

  it('names units in Vietnamese', () => {
    for (const u of flat) {
      expect(u.name.trim()).toBe(u.name);
      expect(u.name.length).toBeGreaterThan(0);
      expect(u.name).toBe(u.name.normalize('NFC'));
    }
    expect(flat.filter((u) => VIETNAMESE.test(u.name)).length).toBeGreaterThan(flat.length / 2);
  });

  it('has the offices and departments the platform is demonstrated with', () => {
    const names = new Set(flat.map((u) => u.name));
    for (const n of [
      'Văn phòng Thành ủy',
      'Ban Tổ chức Thành ủy',
      'Ủy ban Kiểm tra Thành ủy',
      'Thường trực HĐND thành phố',
      'Văn phòng Đoàn ĐBQH và HĐND thành phố',
      'Văn phòng UBND thành phố',
      'Sở Tài chính',
      'Sở Y tế',
      'Ban Dân chủ – Pháp luật',
    ])
      expect(names).toContain(n);
    expect(flat.filter((u) => u.kind === 'department').length).toBeGreaterThanOrEqual(8);
  });
});

describe('flattenUnits', () => {
  it('lists every unit of a tree once, in pre-order, without children', () => {
    for (const p of pillarKeys) {
      const rows = flattenUnits(unitTrees[p], p);
      expect(rows).toHaveLength(countUnits(unitTrees[p]));
      expect(rows[0]).toMatchObject({ code: unitTrees[p].code, parentCode: null, depth: 0, pillar: p });
      const seen = new Map<string, number>();
      for (const r of rows) {
        expect(r).not.toHaveProperty('children');
        expect(r.pillar).toBe(p);
        if (r.parentCode !== null) expect(r.depth).toBe(seen.get(r.parentCode)! + 1);
        seen.set(r.code, r.depth);
      }
    }
  });

  it('keeps siblings in seed order', () => {
    const rows = flattenUnits(unitTrees.ubnd, 'ubnd');
    const office = unitTrees.ubnd.children![0];
    const at = rows.findIndex((r) => r.code === office.code);
    expect(rows.slice(at + 1, at + 1 + office.children!.length).map((r) => r.code)).toEqual(
      office.children!.map((c) => c.code),
    );
  });
});

describe('localities', () => {
  it('has at least six communes and wards, each with a body in all four pillars', () => {
    expect(localities.length).toBeGreaterThanOrEqual(6);
    expect(localities.some((l) => l.kind === 'ward')).toBe(true);
    expect(localities.some((l) => l.kind === 'commune')).toBe(true);
    expect(new Set(localities.map((l) => l.key)).size).toBe(localities.length);
    for (const l of localities) {
      for (const p of pillarKeys) {
        const body = byCode.get(l.bodies[p]);
        expect(body).toBeDefined();
        expect(body!.pillar).toBe(p);
        expect(body!.kind).toBe(l.kind);
        expect(body!.parentCode).toBe(unitTrees[p].code);
        expect(body!.name).toContain(`${l.kind === 'ward' ? 'phường' : 'xã'} ${l.name}`);
      }
      // the four bodies share the level-2 group of their codes
      expect(new Set(pillarKeys.map((p) => l.bodies[p].slice(0, 9))).size).toBe(1);
    }
  });

  it('has no locality body that is not listed', () => {
    const listed = new Set(localities.flatMap((l) => pillarKeys.map((p) => l.bodies[p])));
    for (const u of flat.filter((x) => x.kind === 'ward' || x.kind === 'commune')) {
      expect(listed).toContain(u.code);
    }
  });
});

describe('demo accounts', () => {
  it('has unique usernames and emails', () => {
    expect(new Set(demoAccounts.map((a) => a.username)).size).toBe(demoAccounts.length);
    expect(new Set(demoAccounts.map((a) => a.email.toLowerCase())).size).toBe(demoAccounts.length);
    for (const a of demoAccounts) {
      expect(a.username).toMatch(/^[a-z][a-z0-9.]*$/);
      expect(a.email).toMatch(/^[a-z0-9.]+@example\.hanoi\.gov\.vn$/);
    }
  });

  it('gives everyone a Vietnamese full name', () => {
    for (const a of demoAccounts) {
      expect(a.fullName.trim().split(/\s+/).length).toBeGreaterThanOrEqual(2);
      expect(a.fullName).toBe(a.fullName.normalize('NFC'));
    }
    expect(demoAccounts.some((a) => VIETNAMESE.test(a.fullName))).toBe(true);
  });

  it('places every position in an existing unit with a known role and a title', () => {
    for (const a of demoAccounts) {
      expect(a.positions.length).toBeGreaterThan(0);
      for (const pos of a.positions) {
        expect(byCode.has(pos.unitCode)).toBe(true);
        expect(roleKeys).toContain(pos.roleKey);
        expect(pos.title.trim().length).toBeGreaterThan(0);
      }
      if (a.pillar !== null)
        expect(a.positions.some((pos) => byCode.get(pos.unitCode)!.pillar === a.pillar)).toBe(true);
    }
  });

  it('has the platform administrator of CONTRACT.md', () => {
    const admin = account('admin');
    expect(admin.pillar).toBeNull();
    expect(admin.positions.map((p) => p.roleKey)).toContain('quan-tri-he-thong');
    expect(demoAccounts.filter((a) => a.positions.some((p) => p.roleKey === 'quan-tri-he-thong'))).toEqual([
      admin,
    ]);
  });

  it.each(pillarKeys.map((p) => [p] as [PillarKey]))('has the admin, leader, staff and clerk of %s', (p) => {
    const root = unitTrees[p].code;
    const role = (a: AccountSeed, key: string) => a.positions.find((pos) => pos.roleKey === key);

    const admin = account(`${p}.admin`);
    expect(admin.pillar).toBe(p);
    expect(role(admin, 'quan-tri')?.unitCode).toBe(root);

    const leader = account(`${p}.leader`);
    expect(leader.pillar).toBe(p);
    const lead = role(leader, 'lanh-dao');
    expect(lead).toBeDefined();
    expect(byCode.get(lead!.unitCode)!.pillar).toBe(p);
    expect(lead!.unitCode).not.toBe(root);

    const staff = account(`${p}.staff`);
    expect(staff.pillar).toBe(p);
    const work = role(staff, 'chuyen-vien');
    expect(work).toBeDefined();
    expect(work!.unitCode).not.toBe(lead!.unitCode);
    expect(inSubtree(work!.unitCode, lead!.unitCode)).toBe(true);

    const clerk = account(`${p}.clerk`);
    expect(clerk.pillar).toBe(p);
    const desk = role(clerk, 'van-thu');
    expect(desk).toBeDefined();
    expect(byCode.get(desk!.unitCode)!.kind).toBe('office');
    expect(byCode.get(desk!.unitCode)!.parentCode).toBe(root);
  });

  it('has a leader and a specialist of phường Hoàn Kiếm', () => {
    const body = localities.find((l) => l.key === 'hoankiem')!.bodies.ubnd;
    const leader = account('hoankiem.leader').positions.find((p) => p.roleKey === 'lanh-dao')!;
    const staff = account('hoankiem.staff').positions.find((p) => p.roleKey === 'chuyen-vien')!;
    expect(leader.unitCode).toBe(body);
    expect(staff.unitCode).not.toBe(body);
    expect(inSubtree(staff.unitCode, body)).toBe(true);
  });
});
