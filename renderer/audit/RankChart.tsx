// Charts 2 and 3: a top ten as horizontal bars, the figure at the end of each bar
// (so nobody has to hover to read it) and each name a way in: a link to the
// customer, or a button that narrows the log to that person.
import type { KeyboardEvent } from 'react';
import { Bar, BarChart, LabelList, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps, type TooltipContentProps } from 'recharts';
import { plural } from '../format';
import { navigate } from '../router';
import { INK } from './ChartCard';

export interface RankRow {
  key: string;
  name: string;
  value: number;
  /** Drawn in the warning colour (changes made outside JobTrail). */
  warn?: boolean;
  /** Where the name leads; neither: the name is plain text. */
  href?: string;
  onPick?: () => void;
  /** What the tooltip adds under the figure. */
  hint?: string;
}

const ROW = 17;
const NAME_CHARS = 19;

export function RankChart({
  rows,
  unit,
  selected,
  label,
}: {
  rows: RankRow[];
  unit: string;
  label: string;
  /** The row the log is narrowed to: drawn strong, the others faded. */
  selected?: string;
}) {
  const fill = (r: RankRow) => (r.warn ? INK.warn : selected && selected !== r.key ? INK.faded : INK.accent);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return (
    <BarChart
      layout="vertical"
      data={rows}
      responsive
      style={{ width: '100%', height: rows.length * ROW + 4 }}
      margin={{ top: 2, right: 30, bottom: 2, left: 0 }}
      barCategoryGap={3}
      title={label}
    >
      <XAxis type="number" hide allowDecimals={false} domain={[0, 'dataMax']} />
      <YAxis
        type="category"
        dataKey="key"
        width={132}
        interval={0}
        tickLine={false}
        axisLine={false}
        tick={(t: { x: number | string; y: number | string; payload: { value: string } }) => {
          const r = byKey.get(t.payload.value);
          return r ? <NameTick x={Number(t.x)} y={Number(t.y)} row={r} pressed={selected === r.key} /> : <g />;
        }}
      />
      <Tooltip cursor={{ fill: 'rgba(31, 111, 139, .08)' }} isAnimationActive={false} content={(p: TooltipContentProps) => <RankTip {...p} unit={unit} />} />
      <Bar
        dataKey="value"
        maxBarSize={12}
        isAnimationActive={false}
        onClick={(d: { payload?: RankRow }) => open(d.payload)}
        shape={(p: BarShapeProps) => {
          const r = p.payload as RankRow;
          return <Rectangle {...p} fill={fill(r)} radius={[0, 2, 2, 0]} cursor={r.href || r.onPick ? 'pointer' : 'default'} />;
        }}
      >
        <LabelList dataKey="value" position="right" fontSize={11} fill={INK.text} />
      </Bar>
    </BarChart>
  );
}

function open(r: RankRow | undefined) {
  if (r?.href) navigate(r.href);
  else r?.onPick?.();
}

function NameTick({ x, y, row, pressed }: { x: number; y: number; row: RankRow; pressed: boolean }) {
  const short = row.name.length > NAME_CHARS ? `${row.name.slice(0, NAME_CHARS - 1)}…` : row.name;
  const text = (
    <text
      x={x - 4}
      y={y}
      dy="0.35em"
      textAnchor="end"
      fontSize={11.5}
      className={['rank-name', row.warn ? 'warn' : '', pressed ? 'pressed' : ''].filter(Boolean).join(' ')}
    >
      <title>{row.name}</title>
      {short}
    </text>
  );
  if (row.href)
    return (
      <a href={row.href} className="rank-link">
        {text}
      </a>
    );
  if (!row.onPick) return text;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      row.onPick!();
    }
  };
  return (
    <g role="button" tabIndex={0} aria-pressed={pressed} aria-label={row.name} className="rank-link" onClick={row.onPick} onKeyDown={onKey}>
      {text}
    </g>
  );
}

function RankTip({ active, payload, unit }: TooltipContentProps & { unit: string }) {
  const r = payload?.[0]?.payload as RankRow | undefined;
  if (!active || !r) return null;
  return (
    <div className="chart-tip">
      <strong>{r.name}</strong>
      <span>{plural(r.value, unit)}</span>
      {r.hint && <span className="muted">{r.hint}</span>}
    </div>
  );
}
