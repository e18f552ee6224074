// "Another program" for the busy figure: a process of its own that takes the
// database's write lock when told, says so, and keeps it until told to let go. Held
// from the routing process instead, the wait to take it would be counted as that
// process's block (and so would starting this process: it is started before the watch).
import Database from 'better-sqlite3';

const other = new Database(process.argv[2]);
other.pragma('busy_timeout = 30000');
process.send!('ready');
process.on('message', (m) => {
  if (m === 'lock') {
    other.exec('BEGIN IMMEDIATE');
    process.send!('locked');
  } else {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
    process.disconnect();
  }
});
