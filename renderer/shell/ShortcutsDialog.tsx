// Help › Keyboard shortcuts: the same table the menu and the keys use, with the
// keys of this platform; in a browser tab, which of them the browser keeps.
import { COMMANDS, keyText, type Platform, type ShellCommand } from '../../electron/shell/accelerators';
import { Dialog } from '../components/Dialog';

const GROUPS: { title: string; commands: ShellCommand[] }[] = [
  { title: 'File', commands: ['file.newBooking', 'file.newCustomer', 'file.print', 'file.savePdf', 'file.export'] },
  { title: 'Go', commands: ['go.bookings', 'go.customers', 'go.audit', 'go.reports', 'go.settings', 'go.back', 'go.forward'] },
  { title: 'Help', commands: ['help.shortcuts'] },
];

export function ShortcutsDialog({
  platform,
  inApp,
  onClose,
  onAbout,
}: {
  platform: Platform;
  inApp: boolean;
  onClose: () => void;
  /** A browser tab has no Help menu: About is reached from here. */
  onAbout: () => void;
}) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      {!inApp && <p className="muted">In a browser tab, the keys marked “in the app” open the browser’s own windows and tabs instead.</p>}
      <table className="shortcuts">
        {GROUPS.map((g) => (
          <tbody key={g.title}>
            <tr>
              <th colSpan={2} scope="colgroup">
                {g.title}
              </th>
            </tr>
            {g.commands
              .filter((c) => keyText(c, platform))
              .map((c) => (
                <tr key={c}>
                  <td>{COMMANDS[c].label.replace('…', '')}</td>
                  <td>
                    <kbd>{keyText(c, platform)}</kbd>
                    {!inApp && COMMANDS[c].browserKeeps && <span className="muted"> in the app</span>}
                  </td>
                </tr>
              ))}
          </tbody>
        ))}
        <tbody>
          <tr>
            <th colSpan={2} scope="colgroup">
              In a list
            </th>
          </tr>
          <tr>
            <td>Open the row</td>
            <td>
              <kbd>Enter</kbd>
            </td>
          </tr>
          <tr>
            <td>Next or previous row</td>
            <td>
              <kbd>↓</kbd> <kbd>↑</kbd>
            </td>
          </tr>
          <tr>
            <td>Copy or open (its menu)</td>
            <td>
              {platform === 'darwin' ? (
                'Control-click'
              ) : (
                <>
                  <kbd>Shift+F10</kbd> or right-click
                </>
              )}
            </td>
          </tr>
        </tbody>
      </table>
      <div className="actions">
        <button type="button" onClick={onAbout}>
          About JobTrail
        </button>
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
