// What a person can do about a database that cannot be opened or written: the
// errors SQLite and the file system give, said with the file's name and the way
// out, instead of "SQLITE_READONLY" or a stack trace.

export class DatabaseOpenError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

const codeOf = (e: unknown) => String((e as { code?: unknown })?.code ?? '');

/** The one sentence for a failure to write `file`, or null when the error is not about the file or its disk. */
export function fileProblem(e: unknown, file: string): string | null {
  const code = codeOf(e);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return `The disk holding ${file} is full: free some space on it, then try again; nothing was saved.`;
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return (
      `${file} cannot be written: its disk or folder is read-only, or this account may not write there. ` +
      'Move the database to a folder you can write to (or give --db another file), or ask for write access.'
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === 'EBUSY') {
    return (
      `${file} is locked by another program (a SQLite tool, a backup or sync program, or another JobTrail): ` + 'close it, then try again; nothing was saved.'
    );
  }
  if (code === 'SQLITE_CANTOPEN') {
    return `${file} cannot be opened: check that its folder exists and that this account may read and write it.`;
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return `${file} is damaged (${(e as Error).message}): restore a backup (npm run cli -- restore --db FILE --from BACKUP).`;
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return (
      `${file} could not be read or written (a disk error: ${(e as Error).message}). ` +
      'Check the disk (and that a network or USB drive is still there), then try again.'
    );
  }
  return null;
}

/** The error to show for a failed open: a DatabaseOpenError when there is something to say, else the error itself. */
export function explainOpenError(e: unknown, file: string): unknown {
  if (e instanceof DatabaseOpenError) return e;
  const said = fileProblem(e, file);
  return said ? new DatabaseOpenError(said, codeOf(e)) : e;
}
