// Help › About: what someone helping over the phone asks first. The version, where
// the database is, and its chain head as reports print it.
import { useApi } from '../api/useApi';
import { Dialog } from '../components/Dialog';
import { ErrorNote, Loading } from '../components/states';

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const about = useApi('app.about', {});
  const a = about.data;
  return (
    <Dialog title="About JobTrail" onClose={onClose}>
      {about.loading && !a && <Loading />}
      <ErrorNote message={about.error} />
      {a && (
        <dl className="about-facts">
          <dt>Version</dt>
          <dd>{a.version}</dd>
          <dt>Database</dt>
          <dd>
            <code>{a.databaseFile}</code>
          </dd>
          <dt>Chain head</dt>
          <dd>
            <code>{a.head.short}</code> (row {a.head.row.toLocaleString()})
          </dd>
        </dl>
      )}
      <p className="muted">The chain head changes with every change saved; a report printed now shows the same one.</p>
    </Dialog>
  );
}
