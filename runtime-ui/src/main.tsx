import './i18n';
import { mountApp, SignedInLayout } from '@shared/AppShell';
import { UnitTreePage } from './units/UnitTreePage';
import './app.css';

mountApp(document.getElementById('root'), {
  children: (
    <SignedInLayout>
      <UnitTreePage />
    </SignedInLayout>
  ),
});
