// An address naming a section the menu does not offer this role (typed, or kept
// from someone else's session): say so in words, and where to go instead. The
// main process refuses the section's calls either way.
import { PageHead } from '../components/PageHead';
import { roleInWords } from '../roles';
import { navigate, routeHref, SECTIONS, type Section } from '../router';
import { useSession } from '../session';

const WHY: Partial<Record<Section, { heading: string; open: string; instead: string }>> = {
  audit: {
    heading: 'The Audit log is for the office team',
    open: 'The whole log, its search and its charts are open to staff, managers and administrators.',
    instead: 'The History of each booking assigned to you is on its job card, under Activity › History.',
  },
  reports: {
    heading: 'Reports are for the office team',
    open: 'Proofs for a dispute, period and person reports and the check of the audit trail are open to staff, managers and administrators.',
    instead: 'Your bookings, their Timeline and their History are on their job cards.',
  },
  settings: {
    heading: 'Settings are for the office team',
    open: 'Custom fields, their change tracking, and users and roles are looked after by the office.',
    instead: 'Ask an administrator if something about your account needs changing.',
  },
};

export function NotOffered({ section }: { section: Section }) {
  const { user } = useSession();
  const label = SECTIONS.find((s) => s.key === section)?.label ?? section;
  const why = WHY[section] ?? { heading: `${label} is not open to your role`, open: '', instead: '' };
  return (
    <section aria-labelledby="not-offered-title">
      <PageHead id="not-offered-title" crumbs={label} title={label} />
      <div className="card not-allowed" role="note">
        <h3>{why.heading}</h3>
        <p>
          You are signed in as {roleInWords(user.role)}. {why.open}
        </p>
        {why.instead && <p>{why.instead}</p>}
        <button type="button" onClick={() => navigate(routeHref('bookings'))}>
          Go to my bookings
        </button>
      </div>
    </section>
  );
}
