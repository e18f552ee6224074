// What the first start shows while the demo database is being made (about ten
// seconds of a blocked main process): without it the app would seem not to start.

/** A static page, no script: it only has to stay on screen while the main process works. */
export function splashPage(message: string): string {
  const text = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><meta charset="utf-8"><title>JobTrail</title>
<body style="margin:0;font:15px system-ui,sans-serif;background:#1d2733;color:#f5f6f8;display:flex;
align-items:center;justify-content:center;height:100vh"><div><b>JobTrail</b><p>${text}</p></div></body>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/** The splash has no preload and no script at all. */
export const SPLASH_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  javascript: false,
  webSecurity: true,
} as const;
