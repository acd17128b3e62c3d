/** Escapes text for HTML element content and double-quoted attributes. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Cents as a dollar amount, e.g. `$12.50`. */
export const dollars = (cents: number): string => `$${(cents / 100).toFixed(2)}`;

/** `text` as a sentence: a full stop is added unless it already ends in `.`, `!`, `?` or `…`. */
export const sentence = (text: string): string => {
  const t = text.trim();
  return /[.!?…]['"’”)\]]*$/.test(t) ? t : `${t}.`;
};

/** Field-level errors and the values to re-fill a form with. */
export interface FormState {
  errors?: Record<string, string>;
  values?: Record<string, string>;
  /** A form-level message (shown in an alert region). */
  message?: string;
}

interface FieldSpec {
  name: string;
  label: string;
  type?: string;
  hint?: string;
  autocomplete?: string;
  inputmode?: string;
  value?: string;
  /** `data-when` platform for payout-method fields (toggled by the page script). */
  when?: string;
}

/**
 * One labelled input. Its hint and error are tied to it with `aria-describedby`; an error
 * sets `aria-invalid`. Ids are `f-<name>`, `f-<name>-hint`, `f-<name>-error`.
 */
export function field(spec: FieldSpec, state: FormState = {}): string {
  const id = `f-${spec.name}`;
  const error = state.errors?.[spec.name];
  const value = state.values?.[spec.name] ?? spec.value ?? '';
  const described = [spec.hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
  return `<div class="field"${spec.when ? ` data-when="${esc(spec.when)}"` : ''}>
  <label for="${id}">${esc(spec.label)}</label>
  ${spec.hint ? `<p class="hint" id="${id}-hint">${esc(spec.hint)}</p>` : ''}
  <input id="${id}" name="${esc(spec.name)}" type="${esc(spec.type ?? 'text')}" value="${esc(value)}"${
    spec.autocomplete ? ` autocomplete="${esc(spec.autocomplete)}"` : ''
  }${spec.inputmode ? ` inputmode="${esc(spec.inputmode)}"` : ''} aria-describedby="${described}"${
    error ? ' aria-invalid="true"' : ''
  }>
  <p class="error" id="${id}-error"${error ? '' : ' hidden'}>${esc(error ?? '')}</p>
</div>`;
}

/** A radio group in a fieldset with a legend; its error is tied to the fieldset. */
export function radios(
  name: string,
  legend: string,
  options: [string, string][],
  state: FormState = {},
  fallback = '',
): string {
  const id = `f-${name}`;
  const error = state.errors?.[name];
  const chosen = state.values?.[name] ?? fallback;
  const items = options
    .map(
      ([value, label], i) =>
        `<label class="choice"><input type="radio" name="${esc(name)}" value="${esc(value)}"${
          i === 0 ? ` id="${id}"` : ''
        }${chosen === value ? ' checked' : ''}> ${esc(label)}</label>`,
    )
    .join('\n');
  return `<fieldset class="field" aria-describedby="${id}-error"${error ? ' aria-invalid="true"' : ''}>
  <legend>${esc(legend)}</legend>
  ${items}
  <p class="error" id="${id}-error"${error ? '' : ' hidden'}>${esc(error ?? '')}</p>
</fieldset>`;
}

/** A form that the page script submits with fetch (and that still works without script). */
export function form(
  action: string,
  step: string,
  body: string,
  submit: string | null,
  state: FormState = {},
): string {
  return `<form action="${esc(action)}" method="post" data-step="${esc(step)}" novalidate>
<div class="alert" role="alert" id="form-alert"${state.message ? '' : ' hidden'}>${esc(state.message ?? '')}</div>
${body}
${submit === null ? '' : `<button type="submit">${esc(submit)}</button>`}
</form>`;
}
