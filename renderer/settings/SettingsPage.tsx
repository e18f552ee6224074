// Settings: the custom fields and their change tracking, and the users and
// their roles. The tab lives in the address (#/settings?tab=users).
import { PageHead } from '../components/PageHead';
import { Tabs, TabPanel } from '../components/Tabs';
import { setParams, type Route } from '../router';
import { CustomFieldsTab } from './CustomFieldsTab';
import { UsersTab } from './UsersTab';

type Tab = 'fields' | 'users';
const TABS: { key: Tab; label: string }[] = [{ key: 'fields', label: 'Custom fields' }, { key: 'users', label: 'Users' }];

export function SettingsPage({ route }: { route: Route }) {
  const tab: Tab = route.params.tab === 'users' ? 'users' : 'fields';
  return (
    <section className="settings" aria-labelledby="settings-title">
      <PageHead id="settings-title" crumbs="Settings" title="Settings"
        lead="The custom fields of bookings and customers, and who may sign in with which rights." />
      <Tabs idPrefix="settings" label="Settings" active={tab} tabs={TABS}
        onChange={(t) => setParams(route, { tab: t === 'fields' ? undefined : t })} />
      <TabPanel idPrefix="settings" tab={tab}>
        {tab === 'fields' ? <CustomFieldsTab /> : <UsersTab />}
      </TabPanel>
    </section>
  );
}
