// XLSX with exceljs, laid out as an official statistics table: title, the unit and the parameters (dates
// as real dates), a one- or two-row header with merged group headers, numbered rows, a totals row.
import ExcelJS from 'exceljs';
import type { ReportResult } from '../service.js';
import type { Cell } from '../labels.js';
import { layoutOf } from './layout.js';
import type { ParameterText } from './params.js';

const NUM_FMT = { integer: '#,##0', percent: '0.00', days: '0.0' } as const;
const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/** A 'YYYY-MM-DD' date as the Excel date of that day. */
export const excelDate = (d: string) => new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))));

function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Báo cáo';
}

export async function toXlsx(result: ReportResult, info: { unitName: string | null; parameters: ParameterText[]; author: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = info.author;
  wb.created = new Date(result.meta.generatedAt);
  const ws = wb.addWorksheet(sheetName(result.report.name), { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const { columns, header } = layoutOf(result);
  const width = columns.length;

  const title = ws.addRow([result.report.name.toLocaleUpperCase('vi')]);
  ws.mergeCells(title.number, 1, title.number, width);
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center', wrapText: true };
  if (info.unitName) {
    const r = ws.addRow([`Đơn vị: ${info.unitName}`]);
    ws.mergeCells(r.number, 1, r.number, width);
    r.getCell(1).alignment = { horizontal: 'center' };
    r.getCell(1).font = { italic: true };
  }
  for (const p of info.parameters) {
    const r = ws.addRow([p.label, p.type === 'date' && typeof p.value === 'string' ? excelDate(p.value) : p.text]);
    r.getCell(1).font = { bold: true };
    if (p.type === 'date') r.getCell(2).numFmt = 'dd/mm/yyyy';
    r.getCell(2).alignment = { horizontal: 'left' };
  }
  ws.addRow([]);

  // Header: group headers merged across their columns, ungrouped headers merged down both rows.
  const first = ws.rowCount + 1;
  header.forEach((cells, h) => {
    for (const cell of cells) {
      ws.getCell(first + h, cell.col + 1).value = cell.label;
      if (cell.colspan > 1 || cell.rowspan > 1) ws.mergeCells(first + h, cell.col + 1, first + h + cell.rowspan - 1, cell.col + cell.colspan);
    }
  });
  for (let h = 0; h < header.length; h++)
    for (let c = 1; c <= width; c++) {
      const cell = ws.getCell(first + h, c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    }
  ws.views = [{ state: 'frozen', ySplit: first + header.length - 1 }];

  const write = (values: unknown[], bold: boolean) => {
    const r = ws.addRow(values);
    columns.forEach((c, i) => {
      const cell = r.getCell(i + 1);
      cell.border = BORDER;
      if (bold) cell.font = { bold: true };
      if (c.role === 'measure') cell.numFmt = NUM_FMT[c.format ?? 'integer'];
      if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
      if (c.stt) cell.alignment = { horizontal: 'center' };
    });
  };
  result.rows.forEach((row, i) =>
    write(
      columns.map((c) => {
        if (c.stt) return i + 1;
        const v = row[c.key] as Cell | number | null | undefined;
        if (v === null || v === undefined) return null;
        if (typeof v === 'object') return isDateCell(c.type, v) ? excelDate(String(v.value)) : v.label;
        return v;
      }),
      false,
    ),
  );
  if (result.totals) {
    const firstDim = columns.findIndex((c) => !c.stt && c.role === 'dimension');
    write(
      columns.map((c, i) => (c.role === 'measure' ? (result.totals![c.key] ?? null) : i === (firstDim < 0 ? 0 : firstDim) ? 'Tổng cộng' : null)),
      true,
    );
  }
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.stt ? 6 : c.role === 'dimension' ? 36 : Math.max(12, Math.min(22, c.label.length + 2));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function isDateCell(type: string, v: Cell): boolean {
  return type === 'field' && typeof v.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.value);
}
