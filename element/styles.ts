/**
 * The element's styles, adopted as a constructable stylesheet: a strict CSP (`style-src 'self'`, no
 * 'unsafe-inline') refuses <style> elements and style attributes, but not stylesheets built through the CSSOM.
 * Every colour, font and radius comes from a custom property the page may set on the element (docs/element.md).
 */
const CSS = `
:host {
  --pc-accent: var(--policy-consent-accent, #0b5cad);
  --pc-accent-fg: var(--policy-consent-accent-fg, #fff);
  --pc-bg: var(--policy-consent-bg, #fff);
  --pc-fg: var(--policy-consent-fg, #1b1f24);
  --pc-muted: var(--policy-consent-muted, #57606a);
  --pc-border: var(--policy-consent-border, #d0d7de);
  --pc-radius: var(--policy-consent-radius, 8px);
  --pc-focus: var(--policy-consent-focus, #f59e0b);
  font-family: var(--policy-consent-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  color: var(--pc-fg);
}
[hidden] { display: none !important; }
.backdrop {
  position: fixed;
  inset: 0;
  z-index: var(--policy-consent-z-index, 2147483000);
  display: grid;
  place-items: center;
  padding: 1rem;
  background: var(--policy-consent-backdrop, rgb(0 0 0 / 0.55));
}
.dialog {
  box-sizing: border-box;
  display: flex;
  flex-direction: column;
  gap: 0.75rem;
  width: min(100%, var(--policy-consent-width, 44rem));
  max-height: calc(100vh - 2rem);
  padding: 1.25rem;
  background: var(--pc-bg);
  color: var(--pc-fg);
  border-radius: var(--pc-radius);
  box-shadow: 0 10px 40px rgb(0 0 0 / 0.3);
}
.head { display: flex; flex-wrap: wrap; align-items: flex-start; justify-content: space-between; gap: 0.5rem 1rem; }
.title { margin: 0; font-size: 1.25rem; line-height: 1.3; }
.meta, .intro, .fallback { margin: 0.25rem 0 0; color: var(--pc-muted); font-size: 0.875rem; }
.intro { color: inherit; font-size: 0.95rem; }
.language { display: inline-flex; border: 1px solid var(--pc-border); border-radius: var(--pc-radius); overflow: hidden; }
.language button { border: 0; border-radius: 0; background: transparent; color: inherit; padding: 0.35rem 0.7rem; }
.language button[aria-pressed="true"] { background: var(--pc-accent); color: var(--pc-accent-fg); }
.changed, .error {
  margin: 0;
  padding: 0.6rem 0.8rem;
  border-radius: var(--pc-radius);
  background: var(--policy-consent-warning-bg, #fff4d6);
  color: var(--policy-consent-warning-fg, #5c3b00);
}
.error:empty { display: none; }
.error { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; background: var(--policy-consent-error-bg, #ffe1e1); color: var(--policy-consent-error-fg, #7a1010); }
.scroll { overflow: auto; overscroll-behavior: contain; flex: 1 1 auto; min-height: 6rem; border-top: 1px solid var(--pc-border); border-bottom: 1px solid var(--pc-border); padding: 0 0.25rem; }
.diff { margin: 0.75rem 0; padding: 0.5rem 0.75rem; border-left: 4px solid var(--pc-accent); background: var(--policy-consent-diff-bg, #f3f6fa); }
.diff h3 { margin: 0 0 0.25rem; font-size: 1rem; }
.body { line-height: 1.5; }
.body[aria-busy="true"] { opacity: 0.6; }
ins, .pv-ins { background: var(--policy-consent-ins-bg, #d7f5dd); color: inherit; text-decoration: underline; }
del, .pv-del { background: var(--policy-consent-del-bg, #fde0e0); color: inherit; text-decoration: line-through; }
.pv-block--move-source { opacity: 0.7; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--pc-border); padding: 0.25rem 0.5rem; }
.align-left { text-align: left; }
.align-center { text-align: center; }
.align-right { text-align: right; }
fieldset { margin: 0; padding: 0.5rem 0.75rem; border: 1px solid var(--pc-border); border-radius: var(--pc-radius); }
legend { padding: 0 0.25rem; font-weight: 600; }
label { display: flex; gap: 0.5rem; align-items: baseline; padding: 0.15rem 0; }
.foot { display: flex; justify-content: flex-end; gap: 0.5rem; flex-wrap: wrap; }
button {
  font: inherit;
  cursor: pointer;
  padding: 0.5rem 1rem;
  border-radius: var(--pc-radius);
  border: 1px solid var(--pc-border);
  background: var(--pc-bg);
  color: var(--pc-fg);
}
.accept { background: var(--pc-accent); border-color: var(--pc-accent); color: var(--pc-accent-fg); font-weight: 600; }
button[aria-disabled="true"] { opacity: 0.6; cursor: progress; }
:focus-visible { outline: 3px solid var(--pc-focus); outline-offset: 2px; }
.dialog:focus { outline: none; }
.notice {
  position: fixed;
  inset: auto 1rem 1rem;
  z-index: var(--policy-consent-z-index, 2147483000);
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.5rem 1rem;
  max-width: 44rem;
  margin: 0 auto;
  padding: 0.75rem 1rem;
  background: var(--pc-bg);
  color: var(--pc-fg);
  border: 1px solid var(--pc-border);
  border-radius: var(--pc-radius);
  box-shadow: 0 4px 20px rgb(0 0 0 / 0.2);
}
.notice p { margin: 0; flex: 1 1 16rem; }
.notice .error { flex: 1 1 100%; }
.status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

let sheet: CSSStyleSheet | undefined;

/** One sheet for every instance on the page, made on first use (never at import, for server rendering). */
export function styleSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}
