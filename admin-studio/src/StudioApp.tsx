import { SignedInLayout } from '@shared/AppShell';
import { AppName } from './AppName';
import { KindSider } from './metadata/KindNav';
import { MetadataPage } from './metadata/MetadataPage';
import { useKindParam } from './metadata/useKindParam';

export function StudioApp() {
  const [kind, setKind] = useKindParam();
  return (
    <SignedInLayout appName={<AppName />} sider={<KindSider kind={kind} onChange={setKind} />}>
      <MetadataPage kind={kind} onKindChange={setKind} />
    </SignedInLayout>
  );
}
