// `report`: a printable report (booking dispute proof, a customer's right of
// access, a period's or a person's activity) as one self-contained HTML file, or
// its data as JSON (a customer's portable copy). Made as a named user, as `import`
// is, because producing a report is itself recorded in the History: who produced
// what, about whom, when.
import { writeFileSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { closeDatabase, openDatabase, type Db } from '../../db/open';
import { AUDIT_CATEGORIES, type AuditCategory } from '../../db/schema';
import { contract } from '../api/contract';
import { hasRole, roleRefusal, type ServiceContext } from '../services/context';
import { signIn } from '../services/users';
import { AppError } from '../services/errors';
import { bookingReport } from '../reports/booking';
import { customerReport } from '../reports/customer';
import { activityReport } from '../reports/activity';
import { personByName } from '../reports/person';
import { visitReport, visitReportCsv } from '../reports/visits';
import { getCustomer } from '../services/customers';
import { officeSettings } from '../services/officeSettings';
import { setOfficeFormats } from '../../renderer/format';
import type { AnyReport } from '../reports/types';
import { checkPath, parseOptions, required, UsageError, wholeNumber, type Command } from './args';
import { parseWhen } from './export';
import { passwordFor } from './password';

const usage = `Usage: npm run cli -- report (--booking ID | --customer ID | --period FROM TO [--person NAME] [--kind K]
                          | --person-activity NAME --period FROM TO
                          | --visits --period FROM TO [--customer ID] [--fieldworker NAME])
                          --format html|json|csv --out FILE --db FILE --as NAME

Writes one report: html is a self-contained printable file (every page shows the
business, the report and its subject, page N of M, when and by whom it was made, and
the chain head with its row count); json is the same data, machine-readable (for a
customer, the portable copy of GDPR Art. 20). Producing it is recorded in the
History under NAME, whose password is read from JOBTRAIL_PASSWORD or asked for.

  --booking ID               a booking's dispute report (staff or above)
  --customer ID              a customer's right-of-access report (manager or above)
  --period FROM TO           every event from FROM to TO, both days included: YYYY-MM-DD (UTC days)
                             or ISO instants (manager or above)
    --person NAME            only what NAME did
    --kind K                 only user_action, financial or data_edit
  --person-activity NAME     everything NAME did in --period (manager or above)
  --visits                   the visit verification report of --period (manager or above): each visit's
                             service, person served, date, place, person who served, scheduled and actual
                             begin and end, and every correction
    --customer ID            only that customer's visits
    --fieldworker NAME       only NAME's visits
  --format html|json|csv     csv: the visit verification report only, one line per visit
  --out FILE                 the file to write (replaced if it exists)
  --db FILE                  the database
  --as NAME                  who produces the report: the actor of its audit row`;

type Request =
  | { kind: 'booking'; id: number }
  | { kind: 'customer'; id: number }
  | { kind: 'period' | 'person'; from: string; to: string; person?: string; category?: AuditCategory }
  | { kind: 'visits'; from: string; to: string; customer?: number; fieldworker?: string };

/** --period takes two values, which parseArgs cannot: they are taken out first. */
function takePeriod(argv: string[]): { rest: string[]; period: [string, string] | null } {
  const at = argv.indexOf('--period');
  if (at === -1) return { rest: argv, period: null };
  const [from, to] = [argv[at + 1], argv[at + 2]];
  if (from === undefined || to === undefined || from.startsWith('--') || to.startsWith('--')) {
    throw new UsageError('--period needs two values: FROM TO');
  }
  const rest = [...argv.slice(0, at), ...argv.slice(at + 3)];
  if (rest.includes('--period')) throw new UsageError('--period is given twice');
  return { rest, period: [from, to] };
}

/** The visit verification report: a period, narrowed by a customer or a fieldworker. */
function visitsRequest(values: Partial<Record<string, string>>, period: [string, string] | null): Request {
  const others = ['booking', 'person-activity', 'person', 'kind'].filter((k) => values[k] !== undefined);
  if (others.length) throw new UsageError(`--visits is narrowed by --customer ID or --fieldworker NAME, not --${others[0]}`);
  if (!period) throw new UsageError('--visits needs --period FROM TO');
  const from = parseWhen(period[0], 'period', 'from');
  const to = parseWhen(period[1], 'period', 'to');
  if (from >= to) throw new UsageError(`--period starts (${period[0]}) after it ends (${period[1]})`);
  return {
    kind: 'visits',
    from,
    to,
    fieldworker: values.fieldworker,
    customer: values.customer === undefined ? undefined : wholeNumber(values.customer, 'customer', 1, Number.MAX_SAFE_INTEGER),
  };
}

function requestOf(values: Partial<Record<string, string>>, period: [string, string] | null): Request {
  if (values.fieldworker !== undefined) throw new UsageError('--fieldworker narrows --visits');
  const subjects = ['booking', 'customer', 'person-activity'].filter((k) => values[k] !== undefined);
  if (subjects.length > 1) throw new UsageError('give one of --booking, --customer, --period or --person-activity');
  if (subjects.length === 1 && subjects[0] !== 'person-activity' && period) {
    throw new UsageError(`--period goes with a period or a person's activity, not with --${subjects[0]}`);
  }
  if (values.booking !== undefined) return { kind: 'booking', id: wholeNumber(values.booking, 'booking', 1, Number.MAX_SAFE_INTEGER) };
  if (values.customer !== undefined) return { kind: 'customer', id: wholeNumber(values.customer, 'customer', 1, Number.MAX_SAFE_INTEGER) };
  if (!period) throw new UsageError('say what to report on: --booking ID, --customer ID, --period FROM TO, or --person-activity NAME --period FROM TO');
  const from = parseWhen(period[0], 'period', 'from');
  const to = parseWhen(period[1], 'period', 'to');
  if (from >= to) throw new UsageError(`--period starts (${period[0]}) after it ends (${period[1]})`);
  const kind = values.kind;
  if (kind !== undefined && !(AUDIT_CATEGORIES as readonly string[]).includes(kind)) {
    throw new UsageError(`--kind must be one of ${AUDIT_CATEGORIES.join(', ')}, not "${kind}"`);
  }
  if (values['person-activity'] !== undefined) {
    if (values.person !== undefined || kind !== undefined) throw new UsageError('--person and --kind narrow a --period report, not --person-activity');
    return { kind: 'person', from, to, person: values['person-activity'] };
  }
  return { kind: 'period', from, to, person: values.person, category: kind as AuditCategory | undefined };
}

const ENTRY = {
  booking: 'reports.booking',
  customer: 'reports.customer',
  period: 'reports.period',
  person: 'reports.person',
  visits: 'reports.visits',
} as const;

function produce(ctx: ServiceContext, r: Request, format: 'html' | 'json' | 'csv'): AnyReport {
  switch (r.kind) {
    case 'visits': {
      const c = r.customer === undefined ? null : getCustomer(ctx.db, r.customer, 'customer');
      return {
        kind: 'visits',
        report: visitReport(
          ctx,
          {
            from: r.from,
            to: r.to,
            customer: c && { id: c.id, name: c.name },
            fieldworker: r.fieldworker === undefined ? null : personByName(ctx.db, r.fieldworker, 'fieldworker'),
          },
          format,
        ),
      };
    }
    case 'booking':
      return { kind: 'booking', report: bookingReport(ctx, r.id, format) };
    case 'customer':
      return { kind: 'customer', report: customerReport(ctx, r.id, format) };
    default: {
      const person = r.person === undefined ? null : personByName(ctx.db, r.person, r.kind === 'person' ? 'person-activity' : 'person');
      return { kind: r.kind, report: activityReport(ctx, r.kind, { from: r.from, to: r.to, person, category: r.category }, format) } as AnyReport;
    }
  }
}

/**
 * The renderer's print components, loaded by path when a report is written: they
 * are type-checked with the renderer (renderer/tsconfig.json); a static import
 * would pull React's DOM types into the root project, which has no DOM. tsx
 * compiles the .tsx with the root tsconfig's "jsx".
 */
export async function loadReportHtml(): Promise<(report: AnyReport) => string> {
  // React's development build checks every element and renders a 5,000-row report three times slower; nothing here reads its warnings.
  process.env.NODE_ENV ??= 'production';
  const module = new URL('../../renderer/reports/print/standalone.tsx', import.meta.url).href;
  return ((await import(module)) as { reportHtml: (report: AnyReport) => string }).reportHtml;
}

/** Written beside the file and moved into place once whole: a failed write leaves FILE as it was. */
function writeWhole(out: string, text: string): void {
  const partial = `${out}.${process.pid}.partial`;
  try {
    writeFileSync(partial, text);
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
}

export const reportCommand: Command = {
  usage,
  async run(argv) {
    const { rest, period } = takePeriod(argv);
    const { help, values, flags } = parseOptions(
      rest,
      ['db', 'booking', 'customer', 'person', 'kind', 'person-activity', 'fieldworker', 'format', 'out', 'as'],
      ['visits'],
    );
    if (help) {
      console.log(usage);
      return 0;
    }
    const request = flags.visits ? visitsRequest(values, period) : requestOf(values, period);
    const format = required(values, 'format');
    if (format !== 'html' && format !== 'json' && format !== 'csv') throw new UsageError(`--format must be html, json or csv, not "${format}"`);
    if (format === 'csv' && request.kind !== 'visits') throw new UsageError('--format csv is for the visit verification report (--visits)');
    const out = required(values, 'out');
    const file = required(values, 'db');
    const name = required(values, 'as');
    if (resolve(out) === resolve(file)) throw new UsageError('--out must not be the database itself');
    checkPath(file, 'db', 'database', 'read');
    checkPath(out, 'out', 'report file', 'write');
    const password = await passwordFor(name);

    const db: Db = openDatabase(file);
    try {
      const user = signIn(db, { name, password });
      setOfficeFormats(officeSettings(db)); // amounts and dates as the office reads them, times in its zone
      const access = contract[ENTRY[request.kind]].access;
      if (access !== 'anyone' && !hasRole(user, access)) throw new Error(roleRefusal(access, `produce this report`, user));
      let report: AnyReport;
      try {
        report = produce({ db, user }, request, format);
      } catch (e) {
        if (e instanceof AppError) throw new Error(e.message);
        throw e;
      }
      writeWhole(
        out,
        format === 'html'
          ? (await loadReportHtml())(report)
          : format === 'csv' && report.kind === 'visits'
            ? visitReportCsv(report.report)
            : `${JSON.stringify(report, null, 2)}\n`,
      );
      const h = report.report.header;
      console.log(
        [
          `Wrote the ${h.title.toLowerCase()} of ${h.subject} to ${out} (${format})`,
          `  chain head  ${h.chain.short} (row ${h.chain.rows.toLocaleString('en')}); producing it was recorded in the History as ${user.name}`,
          `  check it later: npm run cli -- verify --db ${file} --expect-head ${h.chain.short}`,
        ].join('\n'),
      );
      return 0;
    } finally {
      closeDatabase(db);
    }
  },
};
