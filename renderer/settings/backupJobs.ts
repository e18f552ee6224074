// Backup jobs start through their own entries (administrators'), not jobs.start: a refusal quotes their summary.
import type { BackupJobRequest } from '../../electron/jobs/backupTypes';
import type { JobStatus } from '../../electron/jobs/types';
import { call } from '../api/client';

export function startBackupJob(request: BackupJobRequest): Promise<JobStatus> {
  return request.kind === 'backup' ? call('backups.create', {}) : call('backups.restore', { file: request.file, replaceNewer: request.replaceNewer });
}
