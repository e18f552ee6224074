// `verify --archive FILE …`: archive files checked alone, and end to end into the
// log when --db is given too (db/archiveFile.ts). The archives may be named in any
// order; they are joined by their rows.
import type Database from 'better-sqlite3';
import { verifyArchiveChain, type ArchiveReport } from '../../db/archiveFile';
import { checkPath, UsageError } from './args';

const n = (x: number) => x.toLocaleString('en');

/** Takes every `--archive FILE` out of argv (the option may be given many times); the rest is parsed as usual. */
export function takeArchives(argv: string[]): { archives: string[]; rest: string[] } {
  const archives: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    if (name !== '--archive') {
      rest.push(argv[i]);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError('--archive needs a value');
    archives.push(checkPath(value, 'archive', 'archive', 'read'));
  }
  return { archives, rest };
}

function archiveLines(a: ArchiveReport): string[] {
  const h = a.header;
  if (!a.ok) {
    return [`Archive BROKEN at row ${n(a.firstBroken!.id)}: ${a.firstBroken!.problem}`, `  ${n(a.rowsChecked)} rows before it are intact, in ${a.file}`];
  }
  return [
    `Archive intact: ${n(a.rowsChecked)} rows (${n(h!.firstId)}–${n(h!.lastId)}) checked in ${a.file}`,
    `  database     ${h!.databaseId}, archived ${h!.createdAt}`,
    `  chains from  ${h!.fromHash.slice(0, 16)}${h!.firstId === 1 ? ' (the start of the log)' : ` (row ${n(h!.firstId - 1)}, the archive before)`}`,
    `  last row     ${h!.lastHash.slice(0, 16)} (row ${n(h!.lastId)})`,
    ...(a.signedThrough === null
      ? []
      : [
          `  signed       through row ${n(a.signedThrough)}` +
            (a.unsignedTail ? `; the ${n(a.unsignedTail)} rows after it are vouched for by the rows that chain from them (verify with --db)` : ''),
        ]),
    ...h!.keys.map((k) => `  signing key  ${k.publicKey} (${k.publicKey.slice(0, 16)}), added ${k.addedAt}`),
    ...(a.erasedRows ? [`  note: ${n(a.erasedRows)} rows had their values erased; their digests are checked`] : []),
  ];
}

/** Checks the archives (into `log` when given), prints what it found; true when all is well. */
export async function verifyArchives(files: string[], log: Database.Database | null): Promise<boolean> {
  const chain = await verifyArchiveChain(files, log);
  const lines = chain.archives.flatMap(archiveLines);
  const joins = chain.problems.filter((p) => !chain.archives.some((a) => !a.ok && p.startsWith(`${a.file}: row`)));
  if (joins.length > 0) {
    lines.push(`Archives DO NOT JOIN${log ? ' the log' : ''}:`, ...joins.map((p) => `  - ${p}`));
  } else if (chain.ok && (log || files.length > 1)) {
    lines.push(
      log
        ? `  end to end   the archives run from row 1 into the log without a gap: ${files.length} archive${files.length > 1 ? 's' : ''} and the log are one chain`
        : `  end to end   the ${files.length} archives run on from one another without a gap`,
    );
  }
  console.log(lines.join('\n'));
  return chain.ok;
}
