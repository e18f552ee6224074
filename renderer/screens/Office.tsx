// The signed-in frame: who is working, and the Bookings page or one booking.
import { useState } from 'react';
import type { User } from '../types';
import { humanize } from '../format';
import { Bookings, type BookingsQuery } from './Bookings';
import { BookingPage } from './BookingPage';

export function Office({ user, onSignOut }: { user: User; onSignOut: () => void }) {
  const [query, setQuery] = useState<BookingsQuery>({ search: '', offset: 0 });
  const [openId, setOpenId] = useState<number | null>(null);

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">JobTrail</span>
        <nav aria-label="Main">
          <button type="button" className={openId === null ? 'nav active' : 'nav'} onClick={() => setOpenId(null)}>Bookings</button>
        </nav>
        <span className="who">
          <span className="user-name">{user.name}</span>
          <span className="role">{humanize(user.role)}</span>
          <button type="button" className="quiet" onClick={onSignOut}>Sign out</button>
        </span>
      </header>
      <main className="content">
        {openId === null
          ? <Bookings query={query} onQuery={setQuery} onOpen={setOpenId} />
          : <BookingPage id={openId} user={user} onBack={() => setOpenId(null)} />}
      </main>
    </div>
  );
}
