import { writeSync } from 'node:fs';

/**
 * Writes all of bytes. writeSync may write less than it was given without an error
 * (a disk that fills, a file-size limit): the rest is then written, or the write's
 * error raised, instead of a shorter file passing for a whole one.
 */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
}
