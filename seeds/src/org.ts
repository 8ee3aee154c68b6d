// Organisation seed of the four pillars of Hanoi (see /work/shared/DOMAIN.md, "Organisation"):
// the pillars, one unit tree per pillar, the communes and wards that appear in all four trees,
// and the demo accounts of CONTRACT.md ("Seeded demo accounts").
//
// Unit codes follow the shape of the mã định danh of Quyết định 20/2020/QĐ-TTg, `NNN.NN.NN.Xnn`,
// read right to left: `Xnn` is level 1 (the pillar root), the third group level 2, the second group
// level 3 and the first group level 4. A unit at depth d (root = 0) therefore differs from its parent
// only in the group of level d + 1. `H26` is the Hanoi city code of the state administrative system;
// `T26` (Thành ủy), `N26` (HĐND) and `M26` (MTTQ) are a convention of this demo seed so that codes stay
// unique across pillars. None of the codes is an official assignment, and all people are fictitious.

export type PillarKey = 'thanhuy' | 'hdnd' | 'ubnd' | 'mttq';

export const pillarKeys: readonly PillarKey[] = ['thanhuy', 'hdnd', 'ubnd', 'mttq'];

export interface PillarSeed {
  key: PillarKey;
  name: string;
  nameEn: string;
  shortName: string;
  /** Prefix of task codes, e.g. 'UBND'. */
  code: string;
}

export const pillars: PillarSeed[] = [
  {
    key: 'thanhuy',
    name: 'Thành ủy Hà Nội',
    nameEn: 'Hanoi City Party Committee',
    shortName: 'Thành ủy',
    code: 'TU',
  },
  {
    key: 'hdnd',
    name: 'HĐND thành phố Hà Nội',
    nameEn: "Hanoi City People's Council",
    shortName: 'HĐND',
    code: 'HDND',
  },
  {
    key: 'ubnd',
    name: 'UBND thành phố Hà Nội',
    nameEn: "Hanoi City People's Committee",
    shortName: 'UBND',
    code: 'UBND',
  },
  {
    key: 'mttq',
    name: 'Ủy ban MTTQ Việt Nam thành phố Hà Nội',
    nameEn: 'Hanoi City Vietnam Fatherland Front Committee',
    shortName: 'MTTQ',
    code: 'MTTQ',
  },
];

/**
 * pillar-office: the pillar root · office: a văn phòng · department: a sở · board: a ban ·
 * committee: a standing or inspection committee, a party committee, a member organisation ·
 * division: a phòng or chi cục · ward / commune: the body of a phường / xã in one pillar ·
 * ward-body: a unit inside a ward or commune body.
 */
export type UnitKind =
  | 'pillar-office'
  | 'office'
  | 'department'
  | 'division'
  | 'board'
  | 'committee'
  | 'ward'
  | 'commune'
  | 'ward-body';

export interface UnitSeed {
  /** Mã định danh, `NNN.NN.NN.Xnn` (QĐ 20/2020/QĐ-TTg), unique across all pillars. */
  code: string;
  name: string;
  nameEn?: string;
  kind: UnitKind;
  children?: UnitSeed[];
}

/** Role keys used by the demo positions; the roles themselves are metadata (kind `role`). */
export const roleKeys = ['quan-tri-he-thong', 'quan-tri', 'lanh-dao', 'chuyen-vien', 'van-thu'] as const;
export type RoleKey = (typeof roleKeys)[number];

// ---------------------------------------------------------------------------------------------
// Communes and wards (since 1 July 2025 Hanoi has no district level). Each locality has a body in
// every pillar; the four bodies share the level-2 group of their codes (e.g. Hoàn Kiếm = 31).

export interface LocalitySeed {
  key: string;
  /** Place name without the "phường"/"xã" prefix. */
  name: string;
  nameEn: string;
  kind: 'ward' | 'commune';
  /** The locality's body in each pillar, by unit code. */
  bodies: Record<PillarKey, string>;
}

interface LocalityDef {
  key: string;
  name: string;
  nameEn: string;
  kind: 'ward' | 'commune';
  /** Level-2 group of the codes of the locality's bodies. */
  group: string;
}

const localityDefs: LocalityDef[] = [
  { key: 'hoankiem', name: 'Hoàn Kiếm', nameEn: 'Hoan Kiem', kind: 'ward', group: '31' },
  { key: 'badinh', name: 'Ba Đình', nameEn: 'Ba Dinh', kind: 'ward', group: '32' },
  { key: 'caugiay', name: 'Cầu Giấy', nameEn: 'Cau Giay', kind: 'ward', group: '33' },
  { key: 'tayho', name: 'Tây Hồ', nameEn: 'Tay Ho', kind: 'ward', group: '34' },
  { key: 'longbien', name: 'Long Biên', nameEn: 'Long Bien', kind: 'ward', group: '35' },
  { key: 'hadong', name: 'Hà Đông', nameEn: 'Ha Dong', kind: 'ward', group: '36' },
  { key: 'socson', name: 'Sóc Sơn', nameEn: 'Soc Son', kind: 'commune', group: '37' },
  { key: 'donganh', name: 'Đông Anh', nameEn: 'Dong Anh', kind: 'commune', group: '38' },
  { key: 'gialam', name: 'Gia Lâm', nameEn: 'Gia Lam', kind: 'commune', group: '39' },
  { key: 'bavi', name: 'Ba Vì', nameEn: 'Ba Vi', kind: 'commune', group: '40' },
];

const pillarLetter: Record<PillarKey, string> = { thanhuy: 'T26', hdnd: 'N26', ubnd: 'H26', mttq: 'M26' };

/** Level-2 code of a locality's body, e.g. `000.00.31.H26`. */
function bodyCode(pillar: PillarKey, d: LocalityDef): string {
  return `000.00.${d.group}.${pillarLetter[pillar]}`;
}

/** Level-3 code of the n-th unit inside a locality's body, e.g. `000.02.31.H26`. */
function innerCode(pillar: PillarKey, d: LocalityDef, n: number): string {
  return `000.${String(n).padStart(2, '0')}.${d.group}.${pillarLetter[pillar]}`;
}

function inner(pillar: PillarKey, d: LocalityDef, names: string[]): UnitSeed[] {
  return names.map((name, i) => ({ code: innerCode(pillar, d, i + 1), name, kind: 'ward-body' }));
}

function localityBody(pillar: PillarKey, d: LocalityDef): UnitSeed {
  const place = `${d.kind === 'ward' ? 'phường' : 'xã'} ${d.name}`;
  const placeEn = `${d.nameEn} ${d.kind === 'ward' ? 'Ward' : 'Commune'}`;
  const base = { code: bodyCode(pillar, d), kind: d.kind };
  switch (pillar) {
    case 'thanhuy':
      return {
        ...base,
        name: `Đảng ủy ${place}`,
        nameEn: `${placeEn} Party Committee`,
        children: inner(pillar, d, [
          `Văn phòng Đảng ủy ${place}`,
          `Ban Xây dựng Đảng ${place}`,
          `Ủy ban Kiểm tra Đảng ủy ${place}`,
        ]),
      };
    case 'hdnd':
      return {
        ...base,
        name: `HĐND ${place}`,
        nameEn: `${placeEn} People's Council`,
        children: inner(pillar, d, [
          `Ban Pháp chế HĐND ${place}`,
          `Ban Kinh tế – Ngân sách HĐND ${place}`,
          `Ban Văn hóa – Xã hội HĐND ${place}`,
        ]),
      };
    case 'ubnd':
      return {
        ...base,
        name: `UBND ${place}`,
        nameEn: `${placeEn} People's Committee`,
        children: inner(pillar, d, [
          `Văn phòng HĐND và UBND ${place}`,
          d.kind === 'ward' ? `Phòng Kinh tế, Hạ tầng và Đô thị ${place}` : `Phòng Kinh tế ${place}`,
          `Phòng Văn hóa – Xã hội ${place}`,
          `Trung tâm Phục vụ hành chính công ${place}`,
        ]),
      };
    case 'mttq':
      return {
        ...base,
        name: `Ủy ban MTTQ Việt Nam ${place}`,
        nameEn: `${placeEn} Fatherland Front Committee`,
        children: inner(pillar, d, [
          `Hội Liên hiệp Phụ nữ ${place}`,
          `Đoàn Thanh niên Cộng sản Hồ Chí Minh ${place}`,
          `Hội Cựu chiến binh ${place}`,
          ...(d.kind === 'commune' ? [`Hội Nông dân ${place}`] : []),
        ]),
      };
  }
}

function localityBodies(pillar: PillarKey): UnitSeed[] {
  return localityDefs.map((d) => localityBody(pillar, d));
}

export const localities: LocalitySeed[] = localityDefs.map((d) => ({
  key: d.key,
  name: d.name,
  nameEn: d.nameEn,
  kind: d.kind,
  bodies: {
    thanhuy: bodyCode('thanhuy', d),
    hdnd: bodyCode('hdnd', d),
    ubnd: bodyCode('ubnd', d),
    mttq: bodyCode('mttq', d),
  },
}));

// ---------------------------------------------------------------------------------------------
// City-level units.

function divisions(parentCode: string, names: string[]): UnitSeed[] {
  // parentCode is a level-2 code `000.00.NN.Xnn`; its divisions are `000.MM.NN.Xnn`.
  const [, , l2, l1] = parentCode.split('.');
  return names.map((name, i) => ({
    code: `000.${String(i + 1).padStart(2, '0')}.${l2}.${l1}`,
    name,
    kind: 'division',
  }));
}

const thanhuy: UnitSeed = {
  code: '000.00.00.T26',
  name: 'Thành ủy Hà Nội',
  nameEn: 'Hanoi City Party Committee',
  kind: 'pillar-office',
  children: [
    {
      code: '000.00.01.T26',
      name: 'Văn phòng Thành ủy',
      nameEn: 'Office of the City Party Committee',
      kind: 'office',
      children: divisions('000.00.01.T26', [
        'Phòng Tổng hợp',
        'Phòng Hành chính',
        'Phòng Cơ yếu – Công nghệ thông tin',
        'Phòng Tài chính Đảng',
        'Phòng Quản trị',
      ]),
    },
    {
      code: '000.00.02.T26',
      name: 'Ban Tổ chức Thành ủy',
      nameEn: 'Organisation Commission',
      kind: 'board',
      children: divisions('000.00.02.T26', [
        'Phòng Tổ chức đảng – đảng viên',
        'Phòng Cán bộ',
        'Phòng Bảo vệ chính trị',
      ]),
    },
    {
      code: '000.00.03.T26',
      name: 'Ban Tuyên giáo và Dân vận Thành ủy',
      nameEn: 'Propaganda, Education and Mass Mobilisation Commission',
      kind: 'board',
      children: divisions('000.00.03.T26', [
        'Phòng Lý luận chính trị – Lịch sử Đảng',
        'Phòng Tuyên truyền – Báo chí – Xuất bản',
        'Phòng Dân vận',
      ]),
    },
    {
      code: '000.00.04.T26',
      name: 'Ủy ban Kiểm tra Thành ủy',
      nameEn: 'Inspection Committee',
      kind: 'committee',
      children: divisions('000.00.04.T26', ['Phòng Tổng hợp', 'Phòng Kiểm tra số 1', 'Phòng Kiểm tra số 2']),
    },
    {
      code: '000.00.05.T26',
      name: 'Ban Nội chính Thành ủy',
      nameEn: 'Internal Affairs Commission',
      kind: 'board',
      children: divisions('000.00.05.T26', [
        'Phòng Nội chính',
        'Phòng Phòng, chống tham nhũng, lãng phí, tiêu cực',
        'Phòng Cải cách tư pháp',
      ]),
    },
    {
      code: '000.00.06.T26',
      name: 'Ban Chính sách, chiến lược Thành ủy',
      nameEn: 'Policy and Strategy Commission',
      kind: 'board',
      children: divisions('000.00.06.T26', ['Phòng Chính sách kinh tế', 'Phòng Chính sách văn hóa – xã hội']),
    },
    {
      code: '000.00.07.T26',
      name: 'Đảng ủy các cơ quan Đảng thành phố',
      nameEn: 'Party Committee of the City Party Agencies',
      kind: 'committee',
    },
    {
      code: '000.00.08.T26',
      name: 'Đảng ủy UBND thành phố',
      nameEn: "Party Committee of the City People's Committee",
      kind: 'committee',
    },
    ...localityBodies('thanhuy'),
  ],
};

const hdnd: UnitSeed = {
  code: '000.00.00.N26',
  name: 'HĐND thành phố Hà Nội',
  nameEn: "Hanoi City People's Council",
  kind: 'pillar-office',
  children: [
    {
      code: '000.00.01.N26',
      name: 'Thường trực HĐND thành phố',
      nameEn: "Standing Committee of the City People's Council",
      kind: 'committee',
    },
    {
      code: '000.00.02.N26',
      name: 'Ban Pháp chế HĐND thành phố',
      nameEn: 'Legal Affairs Committee',
      kind: 'board',
    },
    {
      code: '000.00.03.N26',
      name: 'Ban Kinh tế – Ngân sách HĐND thành phố',
      nameEn: 'Economy and Budget Committee',
      kind: 'board',
    },
    {
      code: '000.00.04.N26',
      name: 'Ban Văn hóa – Xã hội HĐND thành phố',
      nameEn: 'Culture and Social Affairs Committee',
      kind: 'board',
    },
    {
      code: '000.00.05.N26',
      name: 'Ban Đô thị HĐND thành phố',
      nameEn: 'Urban Affairs Committee',
      kind: 'board',
    },
    {
      code: '000.00.06.N26',
      name: 'Văn phòng Đoàn ĐBQH và HĐND thành phố',
      nameEn: "Office of the National Assembly Delegation and the People's Council",
      kind: 'office',
      children: divisions('000.00.06.N26', [
        'Phòng Tổng hợp',
        'Phòng Công tác HĐND',
        'Phòng Công tác Quốc hội',
        'Phòng Thông tin – Dân nguyện',
        'Phòng Hành chính – Tổ chức – Quản trị',
      ]),
    },
    ...localityBodies('hdnd'),
  ],
};

const ubnd: UnitSeed = {
  code: '000.00.00.H26',
  name: 'UBND thành phố Hà Nội',
  nameEn: "Hanoi City People's Committee",
  kind: 'pillar-office',
  children: [
    {
      code: '000.00.01.H26',
      name: 'Văn phòng UBND thành phố',
      nameEn: "Office of the City People's Committee",
      kind: 'office',
      children: divisions('000.00.01.H26', [
        'Phòng Tổng hợp',
        'Phòng Kinh tế',
        'Phòng Đô thị',
        'Phòng Nội chính',
        'Phòng Khoa giáo – Văn xã',
        'Phòng Hành chính – Tổ chức',
        'Phòng Kiểm soát thủ tục hành chính',
      ]),
    },
    {
      code: '000.00.02.H26',
      name: 'Sở Nội vụ',
      nameEn: 'Department of Home Affairs',
      kind: 'department',
      children: divisions('000.00.02.H26', [
        'Văn phòng Sở Nội vụ',
        'Phòng Tổ chức – Biên chế',
        'Phòng Công chức – Viên chức',
        'Phòng Chính quyền địa phương',
      ]),
    },
    {
      code: '000.00.03.H26',
      name: 'Sở Tài chính',
      nameEn: 'Department of Finance',
      kind: 'department',
      children: divisions('000.00.03.H26', [
        'Văn phòng Sở Tài chính',
        'Phòng Quản lý ngân sách',
        'Phòng Quản lý giá và công sản',
      ]),
    },
    {
      code: '000.00.04.H26',
      name: 'Sở Tư pháp',
      nameEn: 'Department of Justice',
      kind: 'department',
      children: divisions('000.00.04.H26', [
        'Văn phòng Sở Tư pháp',
        'Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật',
        'Phòng Hành chính tư pháp',
      ]),
    },
    {
      code: '000.00.05.H26',
      name: 'Sở Xây dựng',
      nameEn: 'Department of Construction',
      kind: 'department',
      children: divisions('000.00.05.H26', [
        'Văn phòng Sở Xây dựng',
        'Phòng Quản lý hạ tầng kỹ thuật',
        'Phòng Quản lý chất lượng công trình xây dựng',
      ]),
    },
    {
      code: '000.00.06.H26',
      name: 'Sở Giáo dục và Đào tạo',
      nameEn: 'Department of Education and Training',
      kind: 'department',
      children: divisions('000.00.06.H26', [
        'Văn phòng Sở Giáo dục và Đào tạo',
        'Phòng Giáo dục phổ thông',
        'Phòng Giáo dục mầm non',
      ]),
    },
    {
      code: '000.00.07.H26',
      name: 'Sở Y tế',
      nameEn: 'Department of Health',
      kind: 'department',
      children: divisions('000.00.07.H26', [
        'Văn phòng Sở Y tế',
        'Phòng Nghiệp vụ Y',
        'Phòng Nghiệp vụ Dược',
      ]),
    },
    {
      code: '000.00.08.H26',
      name: 'Sở Nông nghiệp và Môi trường',
      nameEn: 'Department of Agriculture and Environment',
      kind: 'department',
      children: [
        ...divisions('000.00.08.H26', ['Văn phòng Sở Nông nghiệp và Môi trường', 'Phòng Quản lý đất đai']),
        {
          code: '000.03.08.H26',
          name: 'Chi cục Thủy lợi',
          nameEn: 'Sub-department of Irrigation',
          kind: 'division',
          children: [
            { code: '001.03.08.H26', name: 'Phòng Quản lý đê điều', kind: 'division' },
            { code: '002.03.08.H26', name: 'Phòng Quản lý công trình thủy lợi', kind: 'division' },
          ],
        },
      ],
    },
    {
      code: '000.00.09.H26',
      name: 'Sở Khoa học và Công nghệ',
      nameEn: 'Department of Science and Technology',
      kind: 'department',
      children: divisions('000.00.09.H26', [
        'Văn phòng Sở Khoa học và Công nghệ',
        'Phòng Quản lý khoa học',
        'Phòng Chuyển đổi số',
      ]),
    },
    {
      code: '000.00.10.H26',
      name: 'Sở Văn hóa và Thể thao',
      nameEn: 'Department of Culture and Sports',
      kind: 'department',
      children: divisions('000.00.10.H26', [
        'Văn phòng Sở Văn hóa và Thể thao',
        'Phòng Quản lý di sản văn hóa',
        'Phòng Quản lý thể dục thể thao',
      ]),
    },
    ...localityBodies('ubnd'),
  ],
};

const mttq: UnitSeed = {
  code: '000.00.00.M26',
  name: 'Ủy ban MTTQ Việt Nam thành phố Hà Nội',
  nameEn: 'Hanoi City Vietnam Fatherland Front Committee',
  kind: 'pillar-office',
  children: [
    {
      code: '000.00.01.M26',
      name: 'Văn phòng Ủy ban MTTQ Việt Nam thành phố',
      nameEn: 'Office of the City Fatherland Front Committee',
      kind: 'office',
      children: divisions('000.00.01.M26', ['Phòng Tổng hợp', 'Phòng Hành chính – Quản trị – Tài vụ']),
    },
    {
      code: '000.00.02.M26',
      name: 'Ban Tổ chức – Kiểm tra',
      nameEn: 'Organisation and Inspection Board',
      kind: 'board',
    },
    {
      code: '000.00.03.M26',
      name: 'Ban Dân chủ – Pháp luật',
      nameEn: 'Democracy and Law Board',
      kind: 'board',
    },
    { code: '000.00.04.M26', name: 'Ban Phong trào', nameEn: 'Movements Board', kind: 'board' },
    {
      code: '000.00.05.M26',
      name: 'Ban Tuyên giáo',
      nameEn: 'Propaganda and Education Board',
      kind: 'board',
    },
    {
      code: '000.00.06.M26',
      name: 'Hội Liên hiệp Phụ nữ thành phố Hà Nội',
      nameEn: "Hanoi Women's Union",
      kind: 'committee',
    },
    { code: '000.00.07.M26', name: 'Thành đoàn Hà Nội', nameEn: 'Hanoi Youth Union', kind: 'committee' },
    {
      code: '000.00.08.M26',
      name: 'Hội Nông dân thành phố Hà Nội',
      nameEn: "Hanoi Farmers' Union",
      kind: 'committee',
    },
    {
      code: '000.00.09.M26',
      name: 'Hội Cựu chiến binh thành phố Hà Nội',
      nameEn: "Hanoi Veterans' Association",
      kind: 'committee',
    },
    {
      code: '000.00.10.M26',
      name: 'Liên đoàn Lao động thành phố Hà Nội',
      nameEn: 'Hanoi Federation of Labour',
      kind: 'committee',
    },
    ...localityBodies('mttq'),
  ],
};

export const unitTrees: Record<PillarKey, UnitSeed> = { thanhuy, hdnd, ubnd, mttq };

// ---------------------------------------------------------------------------------------------
// Demo accounts. Passwords are not part of the seed (SEED_PASSWORD, CONTRACT.md).

export interface PositionSeed {
  unitCode: string;
  roleKey: string;
  title: string;
}

export interface AccountSeed {
  username: string;
  fullName: string;
  email: string;
  /** Home pillar; null for the platform administrator. */
  pillar: PillarKey | null;
  positions: PositionSeed[];
}

const mail = (local: string) => `${local}@example.hanoi.gov.vn`;

export const demoAccounts: AccountSeed[] = [
  {
    username: 'admin',
    fullName: 'Lê Hoàng Nam',
    email: mail('lehoangnam.qtht'),
    pillar: null,
    positions: [{ unitCode: '000.00.00.H26', roleKey: 'quan-tri-he-thong', title: 'Quản trị hệ thống' }],
  },

  // Thành ủy
  {
    username: 'thanhuy.admin',
    fullName: 'Đặng Văn Thành',
    email: mail('dangvanthanh.vptu'),
    pillar: 'thanhuy',
    positions: [{ unitCode: '000.00.00.T26', roleKey: 'quan-tri', title: 'Quản trị hệ thống khối Đảng' }],
  },
  {
    username: 'thanhuy.leader',
    fullName: 'Phạm Thị Thu Hằng',
    email: mail('phamthithuhang.vptu'),
    pillar: 'thanhuy',
    positions: [{ unitCode: '000.00.01.T26', roleKey: 'lanh-dao', title: 'Chánh Văn phòng Thành ủy' }],
  },
  {
    username: 'thanhuy.staff',
    fullName: 'Trần Minh Đức',
    email: mail('tranminhduc.vptu'),
    pillar: 'thanhuy',
    positions: [{ unitCode: '000.01.01.T26', roleKey: 'chuyen-vien', title: 'Chuyên viên Phòng Tổng hợp' }],
  },
  {
    username: 'thanhuy.clerk',
    fullName: 'Nguyễn Thị Lan',
    email: mail('nguyenthilan.vptu'),
    pillar: 'thanhuy',
    positions: [{ unitCode: '000.00.01.T26', roleKey: 'van-thu', title: 'Văn thư' }],
  },

  // HĐND
  {
    username: 'hdnd.admin',
    fullName: 'Vũ Đức Long',
    email: mail('vuduclong.hdnd'),
    pillar: 'hdnd',
    positions: [{ unitCode: '000.00.00.N26', roleKey: 'quan-tri', title: 'Quản trị hệ thống khối HĐND' }],
  },
  {
    username: 'hdnd.leader',
    fullName: 'Hoàng Thị Minh Nguyệt',
    email: mail('hoangthiminhnguyet.hdnd'),
    pillar: 'hdnd',
    positions: [
      {
        unitCode: '000.00.06.N26',
        roleKey: 'lanh-dao',
        title: 'Chánh Văn phòng Đoàn ĐBQH và HĐND thành phố',
      },
    ],
  },
  {
    username: 'hdnd.staff',
    fullName: 'Bùi Văn Khải',
    email: mail('buivankhai.hdnd'),
    pillar: 'hdnd',
    positions: [
      { unitCode: '000.02.06.N26', roleKey: 'chuyen-vien', title: 'Chuyên viên Phòng Công tác HĐND' },
    ],
  },
  {
    username: 'hdnd.clerk',
    fullName: 'Đỗ Thị Hạnh',
    email: mail('dothihanh.hdnd'),
    pillar: 'hdnd',
    positions: [{ unitCode: '000.00.06.N26', roleKey: 'van-thu', title: 'Văn thư' }],
  },

  // UBND
  {
    username: 'ubnd.admin',
    fullName: 'Ngô Thanh Sơn',
    email: mail('ngothanhson.vpub'),
    pillar: 'ubnd',
    positions: [{ unitCode: '000.00.00.H26', roleKey: 'quan-tri', title: 'Quản trị hệ thống khối UBND' }],
  },
  {
    username: 'ubnd.leader',
    fullName: 'Lê Quốc Bảo',
    email: mail('lequocbao.vpub'),
    pillar: 'ubnd',
    positions: [{ unitCode: '000.00.01.H26', roleKey: 'lanh-dao', title: 'Chánh Văn phòng UBND thành phố' }],
  },
  {
    username: 'ubnd.staff',
    fullName: 'Phan Thị Ngọc Ánh',
    email: mail('phanthingocanh.vpub'),
    pillar: 'ubnd',
    positions: [{ unitCode: '000.01.01.H26', roleKey: 'chuyen-vien', title: 'Chuyên viên Phòng Tổng hợp' }],
  },
  {
    username: 'ubnd.clerk',
    fullName: 'Trịnh Thị Thu Trang',
    email: mail('trinhthithutrang.vpub'),
    pillar: 'ubnd',
    positions: [{ unitCode: '000.00.01.H26', roleKey: 'van-thu', title: 'Văn thư' }],
  },
  {
    username: 'sonoivu.leader',
    fullName: 'Cao Văn Thịnh',
    email: mail('caovanthinh.snv'),
    pillar: 'ubnd',
    positions: [{ unitCode: '000.00.02.H26', roleKey: 'lanh-dao', title: 'Giám đốc Sở Nội vụ' }],
  },
  {
    username: 'sonoivu.staff',
    fullName: 'Dương Thị Bích Ngọc',
    email: mail('duongthibichngoc.snv'),
    pillar: 'ubnd',
    positions: [
      { unitCode: '000.03.02.H26', roleKey: 'chuyen-vien', title: 'Chuyên viên Phòng Công chức – Viên chức' },
    ],
  },

  // Phường Hoàn Kiếm: the chairman of the ward's UBND is also deputy secretary of its party committee.
  {
    username: 'hoankiem.leader',
    fullName: 'Kiều Minh Tâm',
    email: mail('kieuminhtam.hoankiem'),
    pillar: 'ubnd',
    positions: [
      { unitCode: '000.00.31.H26', roleKey: 'lanh-dao', title: 'Chủ tịch UBND phường' },
      { unitCode: '000.00.31.T26', roleKey: 'lanh-dao', title: 'Phó Bí thư Đảng ủy phường' },
    ],
  },
  {
    username: 'hoankiem.staff',
    fullName: 'Lại Thu Phương',
    email: mail('laithuphuong.hoankiem'),
    pillar: 'ubnd',
    positions: [
      {
        unitCode: '000.02.31.H26',
        roleKey: 'chuyen-vien',
        title: 'Chuyên viên Phòng Kinh tế, Hạ tầng và Đô thị',
      },
    ],
  },

  // MTTQ
  {
    username: 'mttq.admin',
    fullName: 'Đinh Công Tuấn',
    email: mail('dinhcongtuan.mttq'),
    pillar: 'mttq',
    positions: [{ unitCode: '000.00.00.M26', roleKey: 'quan-tri', title: 'Quản trị hệ thống khối MTTQ' }],
  },
  {
    username: 'mttq.leader',
    fullName: 'Nguyễn Thị Hồng Vân',
    email: mail('nguyenthihongvan.mttq'),
    pillar: 'mttq',
    positions: [
      {
        unitCode: '000.00.01.M26',
        roleKey: 'lanh-dao',
        title: 'Chánh Văn phòng Ủy ban MTTQ Việt Nam thành phố',
      },
    ],
  },
  {
    username: 'mttq.staff',
    fullName: 'Lương Văn Hiếu',
    email: mail('luongvanhieu.mttq'),
    pillar: 'mttq',
    positions: [{ unitCode: '000.01.01.M26', roleKey: 'chuyen-vien', title: 'Chuyên viên Phòng Tổng hợp' }],
  },
  {
    username: 'mttq.clerk',
    fullName: 'Tạ Thị Mai',
    email: mail('tathimai.mttq'),
    pillar: 'mttq',
    positions: [{ unitCode: '000.00.01.M26', roleKey: 'van-thu', title: 'Văn thư' }],
  },
];
