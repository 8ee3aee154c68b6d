import './i18n';
import { mountApp } from '@shared/AppShell';
import { AppName } from './AppName';
import { StudioApp } from './StudioApp';
import './app.css';

mountApp(document.getElementById('root'), {
  appName: <AppName />,
  children: <StudioApp />,
});
