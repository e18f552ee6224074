// Customers › a customer › Properties: the sites they own or rent, each with its
// units and bookings, opening the property's page; "Add property" adds one.
import { useState } from 'react';
import { useApi } from '../api/useApi';
import { Empty, ErrorNote, Loading } from '../components/states';
import { navigate } from '../router';
import { useMay } from '../session';
import { PropertyDialog } from './PropertyDialogs';
import { propertyHref } from './propertyTypes';
import './properties.css';

export function CustomerProperties({ customer }: { customer: { id: number; name: string; deletedAt: string | null } }) {
  const may = useMay();
  const [adding, setAdding] = useState(false);
  const list = useApi('properties.list', { customerId: customer.id });
  const mayAdd = may('properties.create') && !customer.deletedAt;
  return (
    <div className="customer-properties">
      <div className="grid-toolbar">
        <span className="muted" role="status">
          {list.data ? `${list.data.length} ${list.data.length === 1 ? 'property' : 'properties'}` : ''}
        </span>
        {mayAdd && (
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Add property
          </button>
        )}
      </div>
      <ErrorNote message={list.error} />
      {!list.data ? (
        !list.error && <Loading what="Loading the properties" />
      ) : list.data.length === 0 ? (
        <Empty>{customer.name} has no property yet. Their first booking makes one at its address, or add one with “Add property”.</Empty>
      ) : (
        <table className="grid compact" aria-label={`${customer.name}'s properties`}>
          <thead>
            <tr>
              <th scope="col">Property</th>
              <th scope="col">Address</th>
              <th scope="col">Units</th>
              <th scope="col">Bookings</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <a href={propertyHref(p.id)}>{p.name}</a>
                </th>
                <td>{p.address}</td>
                <td>{p.units.length === 0 ? <span className="muted">—</span> : p.units.map((u) => u.name).join(', ')}</td>
                <td>{p.bookingCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {adding && <PropertyDialog customer={customer} onClose={() => setAdding(false)} onSaved={(id) => navigate(propertyHref(id))} />}
    </div>
  );
}
