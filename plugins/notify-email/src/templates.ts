// Vietnamese e-mail templates: subject, plain text and HTML of each kind of notification, with the
// task's code, title (trích yếu), deadline as dd/MM/yyyy and a link to it. Pure functions of the message.
import type { EmailMessage } from './types.js';

export const viDate = (day: string | null | undefined) => (day ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : 'không thời hạn');

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The sentence that says why this message was sent. */
export function lead(m: EmailMessage): string {
  const f = m.facts;
  const due = viDate(m.task?.dueDate);
  switch (m.kind) {
    case 'reminder':
      if (f.ruleKind === 'beforeDue') return f.daysLeft ? `Nhiệm vụ dưới đây còn ${f.daysLeft} ngày làm việc là đến hạn xử lý (${due}).` : `Nhiệm vụ dưới đây sắp đến hạn xử lý (${due}).`;
      if (f.ruleKind === 'onDue') return `Nhiệm vụ dưới đây đến hạn xử lý ngày ${due}.`;
      if (f.ruleKind === 'overdue') return `Nhiệm vụ dưới đây đã quá hạn xử lý${f.daysOverdue ? ` ${f.daysOverdue} ngày làm việc` : ''} (hạn ${due}). Đề nghị khẩn trương thực hiện và báo cáo kết quả.`;
      if (f.ruleKind === 'awaitingDecision') return 'Nhiệm vụ dưới đây đang chờ đồng chí cho ý kiến quyết định (đề nghị gia hạn hoặc kết quả chờ duyệt).';
      return `Nhắc việc: nhiệm vụ dưới đây có hạn xử lý ${due}.`;
    case 'escalation':
      return `Báo cáo lãnh đạo: nhiệm vụ dưới đây của đơn vị chủ trì đã quá hạn xử lý${f.daysOverdue ? ` ${f.daysOverdue} ngày làm việc` : ''} (hạn ${due}). Đề nghị đồng chí chỉ đạo xử lý.`;
    case 'urge':
      return 'Đồng chí nhận được yêu cầu đôn đốc thực hiện nhiệm vụ dưới đây.';
    default:
      return 'Nhiệm vụ dưới đây có cập nhật mới.';
  }
}

export function subjectOf(m: EmailMessage): string {
  return `[Đôn Đốc] ${m.title}`.replace(/[\r\n]+/g, ' ').slice(0, 250);
}

export function render(m: EmailMessage): { subject: string; text: string; html: string } {
  const subject = subjectOf(m);
  const hello = `Kính gửi đồng chí ${m.to.fullName},`;
  const footer = 'Đây là thư tự động của hệ thống Đôn Đốc — theo dõi, đôn đốc thực hiện nhiệm vụ. Vui lòng không trả lời thư này.';
  if (m.kind === 'digest' && m.digest) return renderDigest(m, subject, hello, footer);
  const lines: Array<[string, string]> = [];
  if (m.task) {
    lines.push(['Mã nhiệm vụ', m.task.code], ['Trích yếu', m.task.title], ['Hạn xử lý', viDate(m.task.dueDate)]);
  }
  const note = m.body?.trim();
  const text = [
    hello,
    '',
    lead(m),
    '',
    ...lines.map(([k, v]) => `${k}: ${v}`),
    ...(note ? ['', `Ý kiến: ${note}`] : []),
    ...(m.task ? ['', `Xem chi tiết: ${m.task.link}`] : []),
    '',
    '--',
    footer,
  ].join('\n');
  const html =
    `<p>${escape(hello)}</p><p>${escape(lead(m))}</p>` +
    (lines.length ? `<table cellpadding="4">${lines.map(([k, v]) => `<tr><td><b>${escape(k)}</b></td><td>${escape(v)}</td></tr>`).join('')}</table>` : '') +
    (note ? `<p><b>Ý kiến:</b> ${escape(note)}</p>` : '') +
    (m.task ? `<p><a href="${escape(m.task.link)}">Xem chi tiết nhiệm vụ ${escape(m.task.code)}</a></p>` : '') +
    `<hr><p style="color:#666;font-size:12px">${escape(footer)}</p>`;
  return { subject, text, html };
}

function renderDigest(m: EmailMessage, subject: string, hello: string, footer: string) {
  const d = m.digest!;
  const summary = `Tính đến ngày ${viDate(d.day)}, đồng chí có ${d.counts.open} nhiệm vụ đang thực hiện, trong đó ${d.counts.dueSoon} nhiệm vụ sắp đến hạn và ${d.counts.overdue} nhiệm vụ quá hạn.`;
  const task = (t: (typeof d.tasks)[number]) => `${t.code} — ${t.title} — hạn ${viDate(t.dueDate)}${t.overdue ? ' (quá hạn)' : ''}`;
  const text = [
    hello,
    '',
    summary,
    ...(d.tasks.length ? ['', 'Nhiệm vụ cần chú ý:', ...d.tasks.map((t) => `- ${task(t)}: ${t.link}`)] : []),
    ...(d.held.length ? ['', 'Thông báo trong ngày:', ...d.held.map((h) => `- ${h.title}${h.link ? `: ${h.link}` : ''}`)] : []),
    '',
    `Mở hệ thống: ${m.appUrl}`,
    '',
    '--',
    footer,
  ].join('\n');
  const li = (s: string, link: string | null) => `<li>${link ? `<a href="${escape(link)}">${escape(s)}</a>` : escape(s)}</li>`;
  const html =
    `<p>${escape(hello)}</p><p>${escape(summary)}</p>` +
    (d.tasks.length ? `<p><b>Nhiệm vụ cần chú ý:</b></p><ul>${d.tasks.map((t) => li(task(t), t.link)).join('')}</ul>` : '') +
    (d.held.length ? `<p><b>Thông báo trong ngày:</b></p><ul>${d.held.map((h) => li(h.title, h.link)).join('')}</ul>` : '') +
    `<hr><p style="color:#666;font-size:12px">${escape(footer)}</p>`;
  return { subject, text, html };
}
