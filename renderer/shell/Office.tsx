// The signed-in frame: the sections, who is working, and the screen the address names.
import { humanize } from '../format';
import { SECTIONS, routeHref, useRoute, type Route } from '../router';
import { useMay, useSession } from '../session';
import { BookingsPage } from '../bookings/BookingsPage';
import { JobCard } from '../jobcard/JobCard';
import { useWindowTitle } from './windowTitle';
import { useHeadingFocus } from './headingFocus';
import { CustomersPage } from '../customers/CustomersPage';
import { CustomerProfile } from '../customers/CustomerProfile';
import { AuditLogPage } from '../audit/AuditLogPage';
import { ReportsPage } from '../reports/ReportsPage';
import { SettingsPage } from '../settings/SettingsPage';
import { EquipmentPage } from '../equipment/EquipmentPage';
import { IntegrityBanner } from './IntegrityBanner';
import { NotOffered } from './NotOffered';
import { PropertyPage } from '../properties/PropertyPage';
import { useOfficeCommands } from './OfficeCommands';
import { AboutDialog } from './AboutDialog';
import { ErrorNote } from '../components/states';

function Screen({ route, offered }: { route: Route; offered: boolean }) {
  if (!offered) return <NotOffered section={route.section} />;
  switch (route.section) {
    case 'bookings':
      return route.id === null ? <BookingsPage route={route} /> : <JobCard key={route.id} id={route.id} route={route} />;
    case 'customers':
      return route.id !== null ? (
        <CustomerProfile key={route.id} id={route.id} route={route} />
      ) : route.params.property ? (
        <PropertyPage key={route.params.property} id={Number(route.params.property)} route={route} />
      ) : (
        <CustomersPage route={route} />
      );
    case 'audit':
      return <AuditLogPage route={route} />;
    case 'reports':
      return <ReportsPage route={route} />;
    case 'settings':
      return <SettingsPage route={route} />;
    case 'equipment':
      return route.id === null ? <NotOffered section={route.section} /> : <EquipmentPage key={route.id} id={route.id} route={route} />;
  }
}

const TITLES: Record<Route['section'], string> = Object.fromEntries(SECTIONS.map((s) => [s.key, s.label])) as never;

export function Office({ onSignOut }: { onSignOut: () => void }) {
  const { user } = useSession();
  const may = useMay();
  const route = useRoute();
  const sections = SECTIONS.filter((s) => s.for.some(may));
  const commands = useOfficeCommands();
  // A record opened in the section names the window itself (useWindowTitle): its own effect runs first.
  useWindowTitle(route.id === null ? TITLES[route.section] : null);
  useHeadingFocus(route.id !== null ? `${route.section}/${route.id}` : route.params.property ? `property/${route.params.property}` : null);

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand" aria-label="JobTrail">
          Job<span>Trail</span>
        </span>
        <nav aria-label="Main">
          {sections
            .filter((s) => s.menu !== false)
            .map((s) => (
              <a
                key={s.key}
                href={routeHref(s.key)}
                className={route.section === s.key ? 'nav active' : 'nav'}
                aria-current={route.section === s.key ? 'page' : undefined}
              >
                {s.label}
              </a>
            ))}
        </nav>
        <span className="who">
          <span className="avatar" aria-hidden="true">
            {initials(user.name)}
          </span>
          <span className="user-name">{user.name}</span>
          <span className="role">{humanize(user.role)}</span>
          <button type="button" className="quiet" onClick={onSignOut}>
            Sign out
          </button>
        </span>
      </header>
      <main className="content">
        <IntegrityBanner />
        <ErrorNote message={commands.problem} />
        <Screen route={route} offered={sections.some((s) => s.key === route.section)} />
      </main>
      {commands.about && <AboutDialog onClose={commands.closeAbout} />}
    </div>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}
