// Pages of the sign-in flow, in Vietnamese: no script at all (strict CSP), every value escaped.
const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"'`=/]/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — Đôn Đốc</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#f0f2f5;margin:0;color:#1f1f1f}
main{max-width:380px;margin:8vh auto;background:#fff;padding:32px;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:22px;margin:0 0 4px;color:#a8071a}h2{font-size:16px;font-weight:500;margin:0 0 24px;color:#595959}
label{display:block;margin:16px 0 6px;font-weight:500}input{width:100%;box-sizing:border-box;padding:10px;border:1px solid #d9d9d9;border-radius:6px;font-size:16px}
input:focus,button:focus{outline:3px solid #1677ff;outline-offset:1px}
button{margin-top:24px;width:100%;padding:11px;border:0;border-radius:6px;background:#a8071a;color:#fff;font-size:16px;cursor:pointer}
button.secondary{background:#fff;color:#1f1f1f;border:1px solid #d9d9d9;margin-top:12px}
.error{background:#fff1f0;border:1px solid #ffa39e;padding:10px;border-radius:6px;margin-top:16px}
.note{color:#595959;font-size:14px;margin-top:16px}ul{padding-left:20px}
</style></head><body><main><h1>Đôn Đốc</h1><h2>${esc(title)}</h2>${body}</main></body></html>`;
}

const errorBox = (error?: string) => (error ? `<p class="error" role="alert">${esc(error)}</p>` : '');

export function renderLogin(uid: string, csrf: string, o: { username?: string; error?: string; client?: string } = {}) {
  return page(
    'Đăng nhập',
    `${o.client ? `<p class="note">Ứng dụng <strong>${esc(o.client)}</strong> yêu cầu đăng nhập.</p>` : ''}${errorBox(o.error)}
<form method="post" action="/oidc/interaction/${esc(uid)}/login" autocomplete="on">
<input type="hidden" name="csrf" value="${esc(csrf)}">
<label for="username">Tên đăng nhập</label><input id="username" name="username" autocomplete="username" required autofocus value="${esc(o.username)}">
<label for="password">Mật khẩu</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Đăng nhập</button></form>
<form method="post" action="/oidc/interaction/${esc(uid)}/abort"><input type="hidden" name="csrf" value="${esc(csrf)}"><button class="secondary" type="submit">Hủy</button></form>`,
  );
}

export function renderMfa(uid: string, csrf: string, ticket: string, error?: string) {
  return page(
    'Xác thực hai lớp',
    `${errorBox(error)}<form method="post" action="/oidc/interaction/${esc(uid)}/mfa">
<input type="hidden" name="csrf" value="${esc(csrf)}"><input type="hidden" name="ticket" value="${esc(ticket)}">
<label for="otp">Mã xác thực (6 chữ số trong ứng dụng xác thực)</label>
<input id="otp" name="otp" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required autofocus>
<button type="submit">Xác nhận</button></form>`,
  );
}

export function renderChangePassword(uid: string, csrf: string, ticket: string, error?: string) {
  return page(
    'Đổi mật khẩu lần đầu',
    `<p class="note">Mật khẩu được cấp ban đầu phải được đổi trước khi sử dụng hệ thống.</p>${errorBox(error)}
<form method="post" action="/oidc/interaction/${esc(uid)}/password">
<input type="hidden" name="csrf" value="${esc(csrf)}"><input type="hidden" name="ticket" value="${esc(ticket)}">
<label for="new">Mật khẩu mới (ít nhất 12 ký tự)</label><input id="new" name="password" type="password" autocomplete="new-password" minlength="12" required autofocus>
<label for="confirm">Nhập lại mật khẩu mới</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" required>
<button type="submit">Đổi mật khẩu</button></form>`,
  );
}

export function renderConsent(uid: string, csrf: string, client: string, scopes: string[]) {
  return page(
    'Cấp quyền truy cập',
    `<p>Ứng dụng <strong>${esc(client)}</strong> đề nghị được:</p><ul>${scopes.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>
<form method="post" action="/oidc/interaction/${esc(uid)}/confirm"><input type="hidden" name="csrf" value="${esc(csrf)}"><button type="submit">Đồng ý</button></form>
<form method="post" action="/oidc/interaction/${esc(uid)}/abort"><input type="hidden" name="csrf" value="${esc(csrf)}"><button class="secondary" type="submit">Từ chối</button></form>`,
  );
}

/** oidc-provider's RP-initiated logout confirmation: its own form (with its xsrf field) is kept. */
export function renderLogoutConfirm(form: string) {
  return page(
    'Đăng xuất',
    `<p>Bạn có muốn đăng xuất khỏi Đôn Đốc trên thiết bị này?</p>${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Đăng xuất</button>
<button class="secondary" type="submit" form="op.logoutForm">Ở lại</button>`,
  );
}

export function renderLoggedOut() {
  return page('Đã đăng xuất', '<p>Bạn đã đăng xuất. <a href="/">Đăng nhập lại</a></p>');
}

export function renderError(out: { error?: string; error_description?: string }) {
  return page('Không thể tiếp tục', `<p class="error" role="alert">${esc(out.error_description || out.error || 'Đã có lỗi xảy ra')}</p><p><a href="/">Về trang chủ</a></p>`);
}
