// Settings: the custom fields and their change tracking, the users and their
// roles, and what happens to data over the years (the recycle bin). The tab lives
// in the address (#/settings?tab=users); a tab is offered to the roles that may
// call what it is for.
import type { ComponentType } from 'react';
import type { ApiName } from '../../electron/api/contract';
import { PageHead } from '../components/PageHead';
import { Tabs, TabPanel } from '../components/Tabs';
import { setParams, type Route } from '../router';
import { useMay } from '../session';
import { CustomFieldsTab } from './CustomFieldsTab';
import { BackupsTab } from './BackupsTab';
import { OfficeTab } from './OfficeTab';
import { RecycleBinTab } from './RecycleBinTab';
import { UsersTab } from './UsersTab';

const TABS: { key: string; label: string; for: ApiName | null; Screen: ComponentType }[] = [
  { key: 'fields', label: 'Custom fields', for: null, Screen: CustomFieldsTab },
  { key: 'users', label: 'Users', for: null, Screen: UsersTab },
  { key: 'bin', label: 'Recycle bin', for: 'recycleBin.list', Screen: RecycleBinTab },
  { key: 'backups', label: 'Backups', for: 'backups.list', Screen: BackupsTab },
  { key: 'office', label: 'Office', for: null, Screen: OfficeTab },
];

export function SettingsPage({ route }: { route: Route }) {
  const may = useMay();
  const offered = TABS.filter((t) => t.for === null || may(t.for));
  const { key: tab, Screen } = offered.find((t) => t.key === route.params.tab) ?? offered[0];
  return (
    <section className="settings" aria-labelledby="settings-title">
      <PageHead
        id="settings-title"
        crumbs="Settings"
        title="Settings"
        lead="The custom fields of bookings and customers, who may sign in with which rights, how long deleted records are kept, the backups, and the office's name, currency and time zone."
      />
      <Tabs idPrefix="settings" label="Settings" active={tab} tabs={offered} onChange={(t) => setParams(route, { tab: t === 'fields' ? undefined : t })} />
      <TabPanel idPrefix="settings" tab={tab}>
        <Screen />
      </TabPanel>
    </section>
  );
}
