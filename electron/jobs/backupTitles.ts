// What the list of jobs calls a backup job.
import { basename } from 'node:path';
import type { BackupJobRequest } from './backupTypes';

export function backupJobTitle(request: BackupJobRequest): string {
  return request.kind === 'backup' ? 'Backup of the database' : `Restore of the database from ${basename(request.file)}`;
}
