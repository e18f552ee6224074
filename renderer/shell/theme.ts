// Light or dark: the operating system's choice by default, or the one picked in
// Settings › Office on this computer (kept in this computer's storage, since it is
// a preference of whoever sits here, not an office setting to audit). The page
// always carries the theme in force (data-theme), so the stylesheet has one dark
// rule set, whichever way it was chosen.
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'jobtrail.theme';
const DARK = '(prefers-color-scheme: dark)';

export function themeChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(choice: ThemeChoice = themeChoice()): void {
  const dark = choice === 'dark' || (choice === 'system' && matchMedia(DARK).matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

export function chooseTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Storage refused (a private window): the choice holds for this page only.
  }
  applyTheme(choice);
}

/** At start: the theme in force now, and again whenever the system's changes while the choice is to follow it. */
export function followTheme(): void {
  applyTheme();
  matchMedia(DARK).addEventListener('change', () => applyTheme());
}
