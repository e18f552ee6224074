// Chart 1: how many changes the log holds per local day, stacked by kind.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { formatCount, plural } from '../format';
import { CATEGORY_LABELS, type Category } from '../history/filters';
import { CHART_HEIGHT, INK } from './ChartCard';
import { barLabel, barTitle, CATEGORIES, type CountBar, type Granularity } from './period';

export const CATEGORY_COLORS: Record<Category, string> = { user_action: '#2c7a94', financial: '#3f9a63', data_edit: '#9a86d6' };

export function ActivityChart({ bars, granularity }: { bars: CountBar[]; granularity: Granularity }) {
  return (
    <BarChart data={bars} responsive style={{ width: '100%', height: CHART_HEIGHT }} barCategoryGap="18%" margin={{ top: 2, right: 4, bottom: 0, left: 0 }}>
      <CartesianGrid vertical={false} stroke={INK.grid} />
      <XAxis
        dataKey="key"
        tickFormatter={(k: string) => barLabel(k, granularity)}
        tick={{ fontSize: 11, fill: INK.muted }}
        tickLine={false}
        axisLine={{ stroke: INK.line }}
        minTickGap={14}
      />
      <YAxis allowDecimals={false} width={30} tick={{ fontSize: 11, fill: INK.muted }} tickLine={false} axisLine={false} />
      <Tooltip
        cursor={{ fill: 'rgba(31, 111, 139, .08)' }}
        isAnimationActive={false}
        content={(p: TooltipContentProps) => <CountTip {...p} granularity={granularity} />}
      />
      <Legend
        verticalAlign="top"
        align="right"
        height={20}
        iconType="square"
        iconSize={9}
        itemSorter={(item) => CATEGORIES.indexOf(item.dataKey as Category)}
        wrapperStyle={{ fontSize: 11, color: INK.muted }}
      />
      {CATEGORIES.map((c) => (
        <Bar key={c} dataKey={c} name={CATEGORY_LABELS[c]} stackId="kind" fill={CATEGORY_COLORS[c]} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}

function CountTip({ active, payload, granularity }: TooltipContentProps & { granularity: Granularity }) {
  const bar = payload?.[0]?.payload as CountBar | undefined;
  if (!active || !bar) return null;
  return (
    <div className="chart-tip">
      <strong>{barTitle(bar.key, granularity)}</strong>
      <table>
        <tbody>
          {CATEGORIES.map((c) => (
            <tr key={c}>
              <td>
                <span className="swatch" style={{ background: CATEGORY_COLORS[c] }} />
                {CATEGORY_LABELS[c]}
              </td>
              <td className="num">{formatCount(bar[c])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <span className="muted">{plural(bar.total, 'change')} in all</span>
    </div>
  );
}
