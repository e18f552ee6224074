// A date and time typed as one line in the office's way of writing it, read back
// in words under the field as it is typed ("Tuesday, February 3, 2026 at 2:30 PM"),
// with the browser's calendar a button away: two Tab stops where the browser's own
// date-time input has seven. Its value is a datetime-local value, '' while what is
// typed is not yet a date and time; leaving the field then says what to type.
import { useRef, useState } from 'react';
import { Field } from './Field';
import { dateTimeText, dateTimeWords, parseDateTime } from './dateTimeText';
import { localDay } from '../format';

export function DateTimeField({
  label,
  value,
  onChange,
  error,
  className,
  required,
  toSecond = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  className?: string;
  required?: boolean;
  /** To the second ("2026-02-03T14:30:05"), where two moments a minute apart must be told apart. */
  toSecond?: boolean;
}) {
  const [text, setText] = useState(() => dateTimeText(value));
  // The value the text stands for: another value from outside (the calendar, a reset) is written out again.
  const [textFor, setTextFor] = useState(value);
  const [left, setLeft] = useState(false);
  // What the hint shows as the way to type, and whose year a date typed without one takes: the value before this typing began.
  const example = useRef(value || `${localDay(1)}T09:00`);
  if (value !== textFor) {
    setTextFor(value);
    setText(dateTimeText(value));
  }

  const type = (typed: string) => {
    setText(typed);
    setLeft(false);
    const next = parseDateTime(typed, Number(example.current.slice(0, 4)), toSecond) ?? '';
    setTextFor(next);
    if (next !== value) onChange(next);
  };
  const like = `like ${dateTimeText(example.current)}`;
  const unreadable = text.trim() !== '' && !value;
  return (
    <Field
      label={label}
      className={className}
      error={error ?? (left && unreadable ? `Not a date and time: type it ${like}.` : undefined)}
      hint={value ? dateTimeWords(value) : `Type it ${like}.`}
    >
      <DateTimeInput
        text={text}
        value={value}
        onText={type}
        onPick={onChange}
        required={required}
        toSecond={toSecond}
        onEnter={() => {
          if (value) example.current = value;
        }}
        onLeave={() => setLeft(true)}
      />
    </Field>
  );
}

function DateTimeInput({
  text,
  value,
  onText,
  onPick,
  onEnter,
  onLeave,
  required,
  toSecond,
  ...fromField
}: {
  text: string;
  value: string;
  onText: (t: string) => void;
  onPick: (v: string) => void;
  onEnter: () => void;
  onLeave: () => void;
  required?: boolean;
  toSecond: boolean;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const calendar = useRef<HTMLInputElement>(null);
  return (
    <span className="date-time">
      <input
        {...fromField}
        value={text}
        onChange={(e) => onText(e.target.value)}
        onFocus={onEnter}
        onBlur={onLeave}
        required={required}
        autoComplete="off"
        spellCheck={false}
      />
      <button
        type="button"
        className="calendar-button"
        aria-label="Pick from a calendar"
        title="Pick from a calendar"
        onClick={() => calendar.current?.showPicker()}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <rect x="1.5" y="2.5" width="13" height="12" rx="1.5" fill="none" stroke="currentColor" />
          <path d="M1.5 6h13M5 1v3M11 1v3" stroke="currentColor" />
        </svg>
      </button>
      {/* The browser's calendar, opened by the button: not a stop of its own. */}
      <input
        ref={calendar}
        type="datetime-local"
        className="calendar-anchor"
        tabIndex={-1}
        aria-hidden="true"
        step={toSecond ? 1 : undefined}
        value={value}
        onChange={(e) => onPick(e.target.value)}
      />
    </span>
  );
}
