/** "Chờ bổ sung hồ sơ" → "cho-bo-sung-ho-so": a metadata key from a Vietnamese label. */
export function kebabFromLabel(label: string): string {
  return label
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
}

export function uniqueKey(base: string, taken: Set<string>): string {
  const root = base || 'moi';
  let key = root;
  for (let n = 2; taken.has(key); n++) key = `${root}-${n}`;
  return key;
}
