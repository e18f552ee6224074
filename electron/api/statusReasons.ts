// The reasons a status change carries at the contract: a cancellation says why
// (CANCEL_REASONS); setting a final status back is a correction and says why too.
// Which change needs which is the status table's call (services/statusChange.ts).
import { CANCEL_REASONS, CORRECTION_REASONS, type ReasonCode } from '../services/reasons';
import { reasonOf } from './fields';

export const cancelReason = reasonOf(CANCEL_REASONS);

const STATUS_REASONS = [...new Set<ReasonCode>([...CANCEL_REASONS, ...CORRECTION_REASONS])] as [ReasonCode, ...ReasonCode[]];
export const statusReason = reasonOf(STATUS_REASONS);
