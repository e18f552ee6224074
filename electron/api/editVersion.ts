// What an edit entry takes about the record's version (electron/services/versions.ts).
import { z } from 'zod';

/**
 * The version the form was opened with, and "save over the changes up to it".
 * Optional in the contract: the renderer's forms always send it (their save goes
 * through one call that needs it), while callers that show no form (the command
 * line, the import, scripts and tests) edit as of now, as before.
 */
export const editVersion = {
  version: z
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(2 ** 53 - 1)
    .optional(),
  override: z.boolean('must be true or false').optional(),
};
