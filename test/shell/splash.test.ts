import { describe, expect, it } from 'vitest';
import { SPLASH_PREFERENCES, splashPage } from '../../electron/shell/splash';

describe('first-start splash', () => {
  it('is a static page: no script, its text escaped', () => {
    const html = decodeURIComponent(splashPage('<img src=x onerror=alert(1)> & more').replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62; &#38; more');
  });

  it('runs without Node, without a preload and without JavaScript', () => {
    expect(SPLASH_PREFERENCES).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false });
    expect(SPLASH_PREFERENCES).not.toHaveProperty('preload');
  });
});
