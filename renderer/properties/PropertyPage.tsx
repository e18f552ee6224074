// A property's page (Customers › a customer › a property): where it is and how to
// get in, its units, the bookings at it whichever customer they were for, and its
// complete History, with the quotes still waiting for the customer's answer beside
// it, so that further work is approved with the property's past in view. The page
// is a list of sections, each a heading and its body: one more is one more entry.
import { useState, type ReactNode } from 'react';
import { useApi } from '../api/useApi';
import { ErrorNote, Loading } from '../components/states';
import { filtersFromParams, filtersToParams } from '../history/filters';
import { HistoryGrid } from '../history/HistoryGrid';
import { routeHref, setParams, type Route } from '../router';
import { useMay } from '../session';
import { useWindowTitle } from '../shell/windowTitle';
import { AddUnitDialog, MovePropertyDialog, PropertyDialog } from './PropertyDialogs';
import { PropertyBookings, PendingQuotes, UnitList } from './PropertySections';
import { PropertyEquipment } from '../equipment/PropertyEquipment';
import type { PropertyPageData } from './propertyTypes';
import './properties.css';

type Open = 'edit' | 'move' | 'unit' | null;

/** One section of the page: its heading and what it shows. */
interface Section {
  key: string;
  title: string;
  body: ReactNode;
}

export function PropertyPage({ id, route }: { id: number; route: Route }) {
  const may = useMay();
  const [version, setVersion] = useState(0);
  const page = useApi('properties.get', { id }, false, version);
  const [open, setOpen] = useState<Open>(null);
  const p = page.data?.property;
  useWindowTitle(p ? `Property · ${p.name}` : null);
  const changed = async () => {
    setOpen(null);
    setVersion((v) => v + 1);
  };
  const crumbs = (
    <>
      <a href={routeHref('customers')}>Customers</a> › {p ? <a href={routeHref('customers', p.customerId)}>{p.customerName}</a> : '…'} › Property
    </>
  );
  if (!p) {
    return (
      <section>
        <div className="crumbs">{crumbs}</div>
        {page.error ? <ErrorNote message={page.error} /> : <Loading what="Opening the property" />}
      </section>
    );
  }
  const editable = !p.deletedAt;
  return (
    <section className="property-page" aria-labelledby="property-title">
      <div className="page-head">
        <div>
          <div className="crumbs">{crumbs}</div>
          <h1 id="property-title">
            {p.name}
            {p.deletedAt && <span className="status status-cancelled title-badge">Deleted</span>}
          </h1>
          <div className="subhead">
            <span>{p.address}</span>
            <span className="muted">
              Owner or tenant: <a href={routeHref('customers', p.customerId)}>{p.customerName}</a>
            </span>
          </div>
        </div>
        {editable && (
          <div className="head-actions">
            {may('properties.update') && (
              <button type="button" onClick={() => setOpen('edit')}>
                Edit
              </button>
            )}
            {may('units.add') && (
              <button type="button" onClick={() => setOpen('unit')}>
                Add unit
              </button>
            )}
            {may('properties.move') && (
              <button type="button" onClick={() => setOpen('move')}>
                Change customer
              </button>
            )}
          </div>
        )}
      </div>
      {sectionsOf(page.data!, route, version, changed).map((s) => (
        <section key={s.key} className="card property-section" aria-labelledby={`property-${s.key}`}>
          <h2 id={`property-${s.key}`}>{s.title}</h2>
          {s.body}
        </section>
      ))}
      {open === 'edit' && <PropertyDialog customer={{ id: p.customerId, name: p.customerName }} property={p} onClose={() => setOpen(null)} onSaved={changed} />}
      {open === 'unit' && <AddUnitDialog property={p} onClose={() => setOpen(null)} onAdded={changed} />}
      {open === 'move' && <MovePropertyDialog property={p} onClose={() => setOpen(null)} onMoved={changed} />}
    </section>
  );
}

function sectionsOf(data: PropertyPageData, route: Route, version: number, changed: () => Promise<void>): Section[] {
  const p = data.property;
  return [
    {
      key: 'details',
      title: 'Getting in',
      body: p.accessNotes ? (
        <p className="note-body">{p.accessNotes}</p>
      ) : (
        <p className="muted">No access notes. Add keys, gate codes or who lets the fieldworker in with Edit.</p>
      ),
    },
    { key: 'units', title: `Units (${p.units.length})`, body: <UnitList units={p.units} bookings={data.bookings} /> },
    {
      key: 'bookings',
      title: `Bookings (${data.bookingTotal})`,
      body: <PropertyBookings bookings={data.bookings} total={data.bookingTotal} />,
    },
    { key: 'equipment', title: 'Equipment', body: <PropertyEquipment propertyId={p.id} deleted={p.deletedAt !== null} /> },
    {
      key: 'history',
      title: 'History and further work',
      body: (
        <div className="property-history">
          <div className="property-history-grid">
            <HistoryGrid
              scope={{ propertyId: p.id }}
              showRecord
              filters={filtersFromParams(route.params)}
              onFilters={(f) => setParams(route, filtersToParams(f))}
              refreshKey={version}
              emptyText="Nothing has happened at this property yet."
              exportName={`property-${p.id}`}
              idPrefix="property-history"
            />
          </div>
          <aside className="property-quotes" aria-labelledby="property-quotes-title">
            <h3 id="property-quotes-title">Waiting for the customer’s answer</h3>
            <PendingQuotes quotes={data.pendingQuotes} bookings={data.bookings} onChanged={changed} />
          </aside>
        </div>
      ),
    },
  ];
}
