/**
 * The page's one rendering helper: `h(tag, props, ...children)` builds real DOM elements. Text is only ever
 * set as text (strings become Text nodes), never parsed as HTML, so nothing a scenario says can become markup;
 * `link` accepts only http(s) URLs and opens them in a new tab without a referrer or opener.
 *
 * Each render replaces a screen's content; `withFocus` keeps the keyboard focus on the control with the same
 * `key` (data-key) across it, so re-rendering never throws a keyboard user back to the top.
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

export interface Props {
  readonly class?: string | undefined;
  readonly key?: string | undefined;
  readonly id?: string | undefined;
  /** Attributes: aria-*, type, role, for, … (false/undefined: left out; true: present). */
  readonly attrs?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Listeners: { click: fn }. */
  readonly on?: { readonly [K in keyof HTMLElementEventMap]?: (e: HTMLElementEventMap[K]) => void };
  /** DOM properties set directly (value, checked, disabled). */
  readonly props?: Readonly<Record<string, unknown>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, p: Props | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (p?.class) el.className = p.class;
  if (p?.id) el.id = p.id;
  if (p?.key) el.dataset.key = p.key;
  for (const [k, v] of Object.entries(p?.attrs ?? {})) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const [k, v] of Object.entries(p?.props ?? {})) (el as unknown as Record<string, unknown>)[k] = v;
  for (const [k, fn] of Object.entries(p?.on ?? {})) if (fn) el.addEventListener(k, fn as EventListener);
  append(el, children);
  return el;
}

export function append(el: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c as readonly Child[]);
    else el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : (c as Node));
  }
}

/** A URL a page may link: http or https only (anything else, e.g. javascript:, is shown as text). */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** A link to a source: a new tab, no opener, no referrer; a URL that is not http(s) shows as text. */
export function link(url: string | null | undefined, text: string): Node {
  const href = safeUrl(url);
  if (!href) return document.createTextNode(text);
  return h('a', { attrs: { href, target: '_blank', rel: 'noopener noreferrer' } }, text, h('span', { class: 'sr-only' }, ' (opens in a new tab)'));
}

export function button(label: Child, onClick: () => void, p: Omit<Props, 'on'> = {}): HTMLButtonElement {
  return h('button', { ...p, attrs: { type: 'button', ...(p.attrs ?? {}) }, on: { click: onClick } }, label);
}

/** Replaces `root`'s content, keeping the focus on the control with the same data-key (and the caret in text fields). */
export function withFocus(root: HTMLElement, fill: () => Node[]): void {
  const active = document.activeElement as HTMLElement | null;
  const key = active && root.contains(active) ? active.dataset.key : undefined;
  const caret = active instanceof HTMLInputElement && active.type === 'text' ? active.selectionStart : null;
  root.replaceChildren(...fill());
  if (key === undefined) return;
  const again = root.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
  if (!again) return;
  again.focus({ preventScroll: true });
  if (caret !== null && again instanceof HTMLInputElement) again.setSelectionRange(caret, caret);
}

/** A file picker (`id` also its focus key) that hands the first file chosen to `onFile`. */
export function filePicker(id: string, accept: string, onFile: (f: File) => void): HTMLInputElement {
  const input: HTMLInputElement = h('input', {
    id,
    key: id,
    attrs: { type: 'file', accept },
    on: {
      change: () => {
        const f = input.files?.[0];
        if (f) onFile(f);
      },
    },
  });
  return input;
}

/** Offers `text` as a download named `name`. */
export function download(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { attrs: { href: url, download: name } });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

