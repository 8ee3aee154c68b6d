// Deterministic randomness and Vietnamese words for demo data: the same seed gives the same data.

export type Rng = () => number;

/** mulberry32: tiny, fast and good enough for demo data. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const between = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** Picks a key by weight: { a: 3, b: 1 } gives a three times as often as b. */
export function weighted<K extends string>(r: Rng, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  let x = r() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of entries) if ((x -= w) < 0) return k;
  return entries[entries.length - 1]![0];
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Phan', 'Trịnh', 'Đinh', 'Lương'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Đức', 'Thu', 'Ngọc', 'Quốc', 'Thanh', 'Hồng', 'Hữu', 'Xuân', 'Bảo'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Huy', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phong', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vân', 'Việt', 'Yến'];

export const personName = (r: Rng) => `${pick(r, FAMILY)} ${pick(r, MIDDLE)} ${pick(r, GIVEN)}`;

const VERBS = ['Rà soát', 'Xây dựng', 'Triển khai', 'Tổng hợp', 'Báo cáo', 'Kiểm tra', 'Hoàn thiện', 'Đề xuất', 'Tham mưu', 'Tổ chức'];
const OBJECTS = [
  'kế hoạch cải cách hành chính năm',
  'phương án sắp xếp tổ chức bộ máy',
  'kết quả giải ngân vốn đầu tư công',
  'tình hình tiếp công dân, giải quyết khiếu nại',
  'công tác chuyển đổi số',
  'hồ sơ thủ tục hành chính quá hạn',
  'việc thực hiện kết luận của Thường trực Thành ủy',
  'công tác phòng, chống thiên tai',
  'chương trình xây dựng nông thôn mới',
  'kiến nghị của cử tri sau kỳ họp',
  'công tác bảo đảm trật tự đô thị',
  'phong trào thi đua yêu nước',
];
const TAILS = ['', ' quý I', ' quý II', ' 6 tháng đầu năm', ' trên địa bàn', ' theo chỉ đạo của UBND thành phố', ' và báo cáo kết quả'];

export const taskTitle = (r: Rng) => `${pick(r, VERBS)} ${pick(r, OBJECTS)}${pick(r, TAILS)}`;
export const taskContent = (r: Rng, title: string) => `${title}. Đơn vị chủ trì phối hợp các đơn vị liên quan, báo cáo kết quả đúng hạn (${between(r, 1, 999)}).`;
export const NOTES = ['Đã họp triển khai', 'Đang tổng hợp số liệu', 'Đã lấy ý kiến các đơn vị', 'Chờ số liệu của đơn vị phối hợp', 'Cần thêm thời gian để hoàn thiện'];
