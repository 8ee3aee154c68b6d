/**
 * Keeps the session honest while the user works:
 * - activity (typing, clicking) refreshes the engine's idle clock now and then, so a long form typed
 *   without a request in between is not refused at the end;
 * - after 14 minutes without activity a warning counts down; at 15 minutes (the engine's idle lock) the
 *   session is treated as lost;
 * - a lost session (idle, expired, revoked: any 401) shows a dialog to sign in again. Nothing on the page
 *   is thrown away: forms keep drafts (drafts.ts) and restore them when the user is back.
 */
import { Button, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, lastServerContact } from './api';
import { useAuth } from './auth';

export const IDLE_LIMIT_MS = 15 * 60_000;
const WARN_BEFORE_MS = 60_000;
/** At most one keep-alive request per this interval, and only when the user is active. */
const KEEPALIVE_EVERY_MS = 2 * 60_000;
const ACTIVITY = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

export function SessionGuard() {
  const { t } = useTranslation('common');
  const { sessionLost, signIn, markSessionLost } = useAuth();
  const lastActivity = useRef(0);
  const [now, setNow] = useState(0);

  useEffect(() => {
    lastActivity.current = Date.now();
    let pinging = false;
    const onActivity = () => {
      lastActivity.current = Date.now();
      const since = Date.now() - Math.max(lastServerContact(), 0);
      if (!pinging && since > KEEPALIVE_EVERY_MS && navigator.onLine) {
        pinging = true;
        void api('/api/auth/me')
          .catch(() => undefined)
          .finally(() => {
            pinging = false;
          });
      }
    };
    for (const e of ACTIVITY) window.addEventListener(e, onActivity, { passive: true, capture: true });
    const timer = window.setInterval(() => setNow(Date.now()), 5_000);
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, onActivity, { capture: true });
      window.clearInterval(timer);
    };
  }, []);

  const idleFor = now && lastActivity.current ? now - lastActivity.current : 0;
  const lost = sessionLost || idleFor >= IDLE_LIMIT_MS;
  useEffect(() => {
    if (idleFor >= IDLE_LIMIT_MS && !sessionLost) markSessionLost();
  }, [idleFor, sessionLost, markSessionLost]);
  const warn = !lost && idleFor >= IDLE_LIMIT_MS - WARN_BEFORE_MS;
  const secondsLeft = Math.max(0, Math.ceil((IDLE_LIMIT_MS - idleFor) / 1000));

  return (
    <>
      <Modal
        open={warn}
        title={t('session.idleTitle')}
        closable={false}
        maskClosable={false}
        footer={
          <Button
            type="primary"
            onClick={() => {
              lastActivity.current = Date.now();
              setNow(Date.now());
              void api('/api/auth/me').catch(() => undefined);
            }}
          >
            {t('session.stay')}
          </Button>
        }
      >
        <p role="alert">{t('session.idleText', { seconds: secondsLeft })}</p>
      </Modal>
      <Modal
        open={lost}
        title={t('session.lostTitle')}
        closable={false}
        maskClosable={false}
        keyboard={false}
        footer={
          <Button type="primary" onClick={() => signIn()} data-testid="session-sign-in">
            {t('session.signInAgain')}
          </Button>
        }
      >
        <p role="alert">{t('session.lostText')}</p>
      </Modal>
    </>
  );
}
