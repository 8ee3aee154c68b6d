import './i18n';
import { mountApp } from '@shared/AppShell';
import { App } from './app/App';
import { registerServiceWorker } from './app/pwa';
import './app.css';

mountApp(document.getElementById('root'), { children: <App /> });
registerServiceWorker();
