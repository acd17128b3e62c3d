import type { PayoutLinkRecord, StepName, StepOptions, UserRecord } from '../state/types';
import { dollars, esc, type FormState, field, form, radios, sentence } from './html';

/** Titles shown for each step. */
export const STEP_TITLES: Record<StepName, string> = {
  compliance: 'Tax information',
  'id-verification': 'Verify your identity',
  'background-check': 'Background check',
  'manage-payments': 'Connect a bank account',
  'manage-payouts': 'Payout method',
  payout: 'Withdraw funds',
  redirect: 'Almost done',
  'pdf-form-fill': 'Sign the form',
};

function methodFields(user: UserRecord, state: FormState): string {
  const current = user.payout_methods.find((m) => m.platform === user.default_payout_method);
  const platform = current?.platform ?? 'paypal';
  return `${radios(
    'platform',
    'Send my money to',
    [
      ['paypal', 'PayPal'],
      ['venmo', 'Venmo'],
      ['ach', 'Bank account (ACH)'],
    ],
    state,
    platform,
  )}
${field({ name: 'email', label: 'PayPal email', type: 'email', autocomplete: 'email', when: 'paypal', value: current?.email ?? user.email }, state)}
${field({ name: 'phone_number', label: 'Venmo phone number', type: 'tel', autocomplete: 'tel-national', inputmode: 'numeric', hint: 'Digits only, e.g. 4155550123.', when: 'venmo', value: current?.phone_number ?? user.phone_number }, state)}
${bankFields(state, 'ach', current?.platform === 'ach' ? current.routing_number : undefined)}`;
}

/** Routing and account number of a US bank account (Dots connects these through Plaid). */
function bankFields(state: FormState, when?: string, routing?: string): string {
  return `${field({ name: 'routing_number', label: 'Routing number', hint: '9 digits.', inputmode: 'numeric', autocomplete: 'off', when, value: routing }, state)}
${field({ name: 'account_number', label: 'Account number', hint: '4 to 17 digits.', inputmode: 'numeric', autocomplete: 'off', when }, state)}`;
}

/** The form for `step` (its own heading is rendered by the page). */
export function stepForm(
  step: StepOptions,
  action: string,
  user: UserRecord,
  link: PayoutLinkRecord | undefined,
  state: FormState,
): string {
  const name = step.name;
  switch (name) {
    case 'compliance':
      return form(
        action,
        name,
        `<p class="lead">We need this for tax reporting (Form W-9).</p>
${field({ name: 'tax_id', label: 'SSN or EIN', hint: '9 digits; dashes are fine.', inputmode: 'numeric', autocomplete: 'off' }, state)}
${field({ name: 'date_of_birth', label: 'Date of birth', type: 'date', autocomplete: 'bday', value: user.date_of_birth ?? '' }, state)}
${field({ name: 'address', label: 'Street address', autocomplete: 'street-address' }, state)}
${field({ name: 'postal_code', label: 'ZIP / postal code', autocomplete: 'postal-code' }, state)}`,
        'Continue',
        state,
      );
    case 'id-verification':
      return form(
        action,
        name,
        `<p class="lead">Enter the details of a government-issued ID.</p>
${radios(
  'document_type',
  'Document type',
  [
    ['passport', 'Passport'],
    ['drivers_license', "Driver's license"],
    ['id_card', 'National ID card'],
  ],
  state,
  'passport',
)}
${field({ name: 'document_number', label: 'Document number', autocomplete: 'off' }, state)}`,
        'Verify',
        state,
      );
    case 'background-check':
      return form(
        action,
        name,
        `<p class="lead">A background check is required before you can be paid.</p>
<div class="field"><label class="choice"><input type="checkbox" id="f-consent" name="consent" value="yes" aria-describedby="f-consent-error"${state.errors?.consent ? ' aria-invalid="true"' : ''}> I consent to a background check.</label>
<p class="error" id="f-consent-error"${state.errors?.consent ? '' : ' hidden'}>${esc(state.errors?.consent ?? '')}</p></div>`,
        'Continue',
        state,
      );
    case 'manage-payments':
      return form(
        action,
        name,
        `<p class="lead">Connect the bank account payments are drawn from.</p>
${bankFields(state)}`,
        'Connect',
        state,
      );
    case 'manage-payouts':
      return form(
        action,
        name,
        `<p class="lead">Choose where your payouts go.</p>
${methodFields(user, state)}`,
        'Save',
        state,
      );
    case 'payout': {
      const amount = link
        ? `<p class="lead">You are being paid</p><p class="amount">${dollars(link.amount)}</p>${link.memo ? `<p class="lead">${esc(link.memo)}</p>` : ''}`
        : `<p class="lead">Available balance: <strong>${dollars(user.wallet)}</strong></p>
${field({ name: 'amount', label: 'Amount (USD)', inputmode: 'decimal', hint: 'For example 10.00.', value: (user.wallet / 100).toFixed(2) }, state)}`;
      return form(
        action,
        name,
        `${amount}
${methodFields(user, state)}`,
        link ? 'Get paid' : 'Withdraw',
        state,
      );
    }
    case 'redirect':
      return form(
        action,
        name,
        `<p class="lead">You will now return to ${esc(step.redirect_url ? new URL(step.redirect_url).host : 'the app')}.</p>`,
        'Continue',
        state,
      );
    case 'pdf-form-fill':
      return form(
        action,
        name,
        `<p class="lead">Form ${esc(step.template_id ?? '')}: type your full legal name to sign it.</p>
${field({ name: 'signature', label: 'Signature (full name)', autocomplete: 'name' }, state)}`,
        'Sign',
        state,
      );
    default:
      return name satisfies never;
  }
}

/** The onboarding (sign-in) form shown while the flow has no user. */
export function onboardingForm(
  action: string,
  link: PayoutLinkRecord | undefined,
  state: FormState,
): string {
  const payee = link?.payee;
  const intro = link
    ? `<p class="lead">${esc(sentence(`Claim ${dollars(link.amount)}${link.memo ? ` — ${link.memo}` : ''}`))} First, tell us who you are.</p>`
    : '<p class="lead">Sign in or create your account to continue.</p>';
  return form(
    action,
    'onboarding',
    `${intro}
${field({ name: 'first_name', label: 'First name', autocomplete: 'given-name', value: payee?.first_name ?? '' }, state)}
${field({ name: 'last_name', label: 'Last name', autocomplete: 'family-name', value: payee?.last_name ?? '' }, state)}
${field({ name: 'email', label: 'Email', type: 'email', autocomplete: 'email', value: payee?.email ?? '' }, state)}
${field({ name: 'country_code', label: 'Country calling code', hint: 'Digits only, e.g. 1 for the US.', inputmode: 'numeric', autocomplete: 'tel-country-code', value: payee?.country_code ?? '1' }, state)}
${field({ name: 'phone_number', label: 'Phone number', type: 'tel', hint: 'Digits only, e.g. 4155550123.', inputmode: 'numeric', autocomplete: 'tel-national', value: payee?.phone_number ?? '' }, state)}`,
    'Continue',
    state,
  );
}
