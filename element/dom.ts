/** Small DOM helpers: markup is built with createElement and textContent only, never from strings of our own. */

type Attributes = Record<string, string | true>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  children: Array<Node | string> = []
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value === true ? '' : value);
  element.append(...children);
  return element;
}

// Attribute values and texts in the server's HTML have every `"` escaped, so a style attribute ends at the next one.
const STYLE = / style="([^"]*)"/g;
const ALIGN = /^text-align:\s*(left|center|right);?$/;

/**
 * The server's HTML (the plugin renders it from Markdown with raw HTML off, and escapes every text of a diff)
 * as nodes. The one style attribute markdown-it writes (a table column's `text-align`) becomes a class before
 * the string is parsed: Chromium checks a parsed style attribute against the page's CSP even in a <template>'s
 * inert document, and a strict `style-src` would block and report it.
 */
export function serverHtml(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html.replace(STYLE, (_, style: string) => {
    const align = ALIGN.exec(style.trim());
    return align ? ` class="align-${align[1]}"` : '';
  });
  return template.content;
}

const FOCUSABLE = 'a[href], button, input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]';

/** What Tab may reach inside `root`, in document order (hidden parts left out). */
export const focusables = (root: HTMLElement): HTMLElement[] =>
  [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => !element.closest('[hidden]'));

/** The focused element, looking into open shadow roots (a page's own web components). */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}
