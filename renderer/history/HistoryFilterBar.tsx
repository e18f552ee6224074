// Narrowing a History: words to find (the full-text index: a name, an old price,
// a street), the kind of change, who made it, and when.
import { useApi } from '../api/useApi';
import { SearchBox } from '../components/SearchBox';
import { useMay } from '../session';
import { eventText } from './readable';
import { CATEGORY_LABELS, hasFilters, NO_FILTERS, OUTSIDE, RECORD_KINDS, type Category, type HistoryFilters } from './filters';

export function HistoryFilterBar({ filters, onChange, idPrefix }: { filters: HistoryFilters; onChange: (f: HistoryFilters) => void; idPrefix: string }) {
  const users = useApi('users.list', { includeInactive: true });
  const may = useMay();

  const set = (k: keyof HistoryFilters) => (v: string) => onChange({ ...filters, [k]: v });
  const id = (k: string) => `${idPrefix}-${k}`;
  return (
    <div className="filter-bar" role="search" aria-label="Filter the History">
      <SearchBox
        id={id('q')}
        label="Search"
        placeholder="A name, an old price, a street…"
        value={filters.text}
        onSearch={(text) => onChange({ ...filters, text })}
      />
      <div className="field">
        <label htmlFor={id('cat')}>Kind</label>
        <select id={id('cat')} value={filters.category} onChange={(e) => set('category')(e.target.value as Category | '')}>
          <option value="">All kinds</option>
          {(Object.entries(CATEGORY_LABELS) as [Category, string][])
            // Money rows are left out of a fieldworker's History: offering them would find nothing.
            .filter(([k]) => k !== 'financial' || may('payments.list'))
            .map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('record')}>Record</label>
        <select id={id('record')} value={filters.record} onChange={(e) => set('record')(e.target.value)}>
          <option value="">All records</option>
          {RECORD_KINDS.filter(([k]) => (k !== 'invoice' && k !== 'payment') || may('payments.list')).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('actor')}>Who</label>
        <select id={id('actor')} value={filters.actor} onChange={(e) => set('actor')(e.target.value)}>
          <option value="">Anyone</option>
          <option value={OUTSIDE}>(outside JobTrail)</option>
          {users.data?.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.name}
              {u.active ? '' : ' (deactivated)'}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('from')}>From</label>
        <input id={id('from')} type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set('from')(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={id('to')}>To</label>
        <input id={id('to')} type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => set('to')(e.target.value)} />
      </div>
      {filters.event && (
        <span className="chip">
          Event: {eventText(filters)}
          <button type="button" className="quiet" aria-label={`Show all events, not only ${filters.event}`} onClick={() => set('event')('')}>
            ×
          </button>
        </span>
      )}
      {hasFilters(filters) && (
        <button type="button" className="quiet clear" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </button>
      )}
    </div>
  );
}
