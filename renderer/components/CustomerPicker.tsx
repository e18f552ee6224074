// Choosing a customer by typing part of a name, phone, email or address: a
// combobox that asks the main process for matches as the typing pauses.
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { call } from '../api/client';

export interface PickedCustomer {
  id: number;
  name: string;
}

export function CustomerPicker({
  value,
  onChange,
  label,
  placeholder = 'Type a name…',
  error,
  autoFocus,
}: {
  value: PickedCustomer | null;
  onChange: (c: PickedCustomer | null) => void;
  label: string;
  placeholder?: string;
  error?: string | null;
  autoFocus?: boolean;
}) {
  const id = useId();
  const [text, setText] = useState(value?.name ?? '');
  const [open, setOpen] = useState(false);
  const [matches, setMatches] = useState<{ id: number; name: string; address: string | null }[]>([]);
  const [active, setActive] = useState(0);
  useEffect(() => setText(value?.name ?? ''), [value?.name]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    const t = setTimeout(() => {
      call('customers.list', { search: text.trim() || undefined, limit: 8 })
        .then((r) => {
          if (live) {
            setMatches(r.rows);
            setActive(0);
          }
        })
        .catch(() => {
          if (live) setMatches([]);
        });
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [text, open]);

  const pick = (c: PickedCustomer | null) => {
    onChange(c);
    setText(c?.name ?? '');
    setOpen(false);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, matches.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open && matches[active]) {
      e.preventDefault();
      pick(matches[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setText(value?.name ?? '');
    }
  };

  return (
    <div className="field picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${id}-opt-${matches[active].id}` : undefined}
        aria-invalid={error ? true : undefined}
        autoComplete="off"
        placeholder={placeholder}
        value={text}
        autoFocus={autoFocus}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (value && e.target.value !== value.name) onChange(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKey}
      />
      {value && (
        <button type="button" className="quiet clear-pick" aria-label={`Clear ${label.toLowerCase()}`} onClick={() => pick(null)}>
          ×
        </button>
      )}
      {open && matches.length > 0 && (
        <ul className="picker-list" id={`${id}-list`} role="listbox" aria-label={label}>
          {matches.map((m, i) => (
            <li
              key={m.id}
              id={`${id}-opt-${m.id}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(m);
              }}
            >
              <span>{m.name}</span>
              {m.address && <span className="muted small"> · {m.address}</span>}
            </li>
          ))}
        </ul>
      )}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
