// A print-ready HTML page (A4 landscape, no script, no external asset): the heading of an administrative
// report (the viewer's unit, the national motto), the title and period, the table with its merged group
// headers and totals row, and the signature blocks. Every text is escaped.
import type { ReportResult } from '../service.js';
import type { Cell } from '../labels.js';
import { cellText, layoutOf, vnDate } from './layout.js';
import { periodText, type ParameterText } from './params.js';

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
@page { size: A4 landscape; margin: 15mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", Times, serif; font-size: 13px; color: #000; margin: 0; padding: 16px; }
.head { display: flex; justify-content: space-between; text-align: center; margin-bottom: 18px; }
.head .org { font-weight: bold; text-transform: uppercase; max-width: 45%; }
.head .motto b { display: block; }
.head .motto u { font-weight: bold; }
h1 { text-align: center; font-size: 17px; margin: 6px 0; text-transform: uppercase; }
.sub { text-align: center; font-style: italic; margin: 2px 0; }
.params { margin: 10px 0; }
table { width: 100%; border-collapse: collapse; margin-top: 10px; page-break-inside: auto; }
th, td { border: 1px solid #000; padding: 4px 6px; vertical-align: middle; }
th { background: #eef2f7; text-align: center; }
td.n { text-align: right; white-space: nowrap; }
td.c { text-align: center; }
tr { page-break-inside: avoid; }
thead { display: table-header-group; }
tr.total td { font-weight: bold; }
.sign { display: flex; justify-content: space-between; margin-top: 28px; text-align: center; }
.sign div { width: 40%; }
.sign b { display: block; text-transform: uppercase; }
.note { margin-top: 8px; font-size: 11px; color: #333; }
@media print { body { padding: 0; } }
`;

export function toHtml(result: ReportResult, info: { viewerUnit: string | null; unitName: string | null; parameters: ParameterText[]; author: string }): string {
  const { columns, header } = layoutOf(result);
  const today = result.meta.today;
  const period = periodText(info.parameters);
  const otherParams = info.parameters.filter((p) => p.type !== 'date' && !(p.type === 'unit' && info.unitName));
  const head = header
    .map((cells) => `<tr>${cells.map((c) => `<th${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}>${esc(c.label)}</th>`).join('')}</tr>`)
    .join('\n');
  const body = result.rows
    .map((r, i) => `<tr>${columns.map((c) => (c.stt ? `<td class="c">${i + 1}</td>` : `<td${c.role === 'measure' ? ' class="n"' : ''}>${esc(cellText(r[c.key] as Cell | number | null, c))}</td>`)).join('')}</tr>`)
    .join('\n');
  const firstDim = columns.findIndex((c) => !c.stt && c.role === 'dimension');
  const totals = result.totals
    ? `<tr class="total">${columns
        .map((c, i) => (c.role === 'measure' ? `<td class="n">${esc(cellText(result.totals![c.key] ?? null, c))}</td>` : `<td>${i === (firstDim < 0 ? 0 : firstDim) ? 'Tổng cộng' : ''}</td>`))
        .join('')}</tr>`
    : '';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(result.report.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="head">
  <div class="org">${esc(info.viewerUnit ?? '')}</div>
  <div class="motto"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><u>Độc lập - Tự do - Hạnh phúc</u></div>
</div>
<h1>${esc(result.report.name)}</h1>
${period ? `<p class="sub">(${esc(period)})</p>` : ''}
${info.unitName ? `<p class="sub">Đơn vị: ${esc(info.unitName)}</p>` : ''}
${otherParams.length ? `<p class="params">${otherParams.map((p) => `${esc(p.label)}: <b>${esc(p.text)}</b>`).join('; ')}</p>` : ''}
<table>
<thead>
${head}
</thead>
<tbody>
${body || `<tr><td colspan="${columns.length}" class="c">Không có số liệu</td></tr>`}
${totals}
</tbody>
</table>
<p class="note">Số liệu tính đến ngày ${esc(vnDate(today))}; trong phạm vi người xem được phép truy cập.${result.meta.rowCount > result.rows.length ? ` Hiển thị ${result.rows.length}/${result.meta.rowCount} dòng.` : ''}</p>
<div class="sign">
  <div><b>Người lập biểu</b><i>(Ký, ghi rõ họ tên)</i><br><br><br><br>${esc(info.author)}</div>
  <div><i>Hà Nội, ngày ${esc(today.slice(8, 10))} tháng ${esc(today.slice(5, 7))} năm ${esc(today.slice(0, 4))}</i><b>Thủ trưởng đơn vị</b><i>(Ký, ghi rõ họ tên, đóng dấu)</i></div>
</div>
</body>
</html>
`;
}
