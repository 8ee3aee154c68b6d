/**
 * The service worker (public/sw.js, with the build's asset list written in by vite.config.ts) makes the
 * app installable and usable offline: the app shell from its cache, the last loaded inbox and tasks
 * from the API answers it kept. Registered from here (an external script: the CSP allows no inline one).
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // not fatal: the app works online without it
    });
  });
}
