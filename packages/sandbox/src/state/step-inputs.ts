import { SandboxError, type SandboxErrorDetail } from './errors';
import type { StepName, UserRecord } from './types';

/** Raw form values of a step (strings from the hosted page, or JSON from a control). */
export type StepInput = Record<string, unknown>;

const text = (input: StepInput, key: string): string => {
  const v = input[key];
  return typeof v === 'string'
    ? v.trim()
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : '';
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Need = (key: string, ok: boolean, message: string) => void;

/** A US bank account (the ACH fields of manage-payments, manage-payouts and payout). */
function checkBank(input: StepInput, need: Need): void {
  need(
    'routing_number',
    /^\d{9}$/.test(text(input, 'routing_number')),
    'Enter a 9-digit routing number.',
  );
  need(
    'account_number',
    /^\d{4,17}$/.test(text(input, 'account_number')),
    'Enter an account number of 4 to 17 digits.',
  );
}

/** Checks a step's form values; throws a 400 `invalid-input` with one detail per bad field. */
export function checkStepInput(step: StepName, input: StepInput, payoutAmountFixed: boolean): void {
  const errors: SandboxErrorDetail[] = [];
  const need: Need = (key, ok, message) => {
    if (!ok) errors.push({ field: key, message });
  };
  switch (step) {
    case 'compliance':
      need(
        'tax_id',
        /^\d{9}$/.test(text(input, 'tax_id').replace(/-/g, '')),
        'Enter a 9-digit SSN or EIN.',
      );
      need(
        'date_of_birth',
        /^\d{4}-\d{2}-\d{2}$/.test(text(input, 'date_of_birth')),
        'Enter your date of birth.',
      );
      need('address', text(input, 'address').length >= 3, 'Enter your street address.');
      need(
        'postal_code',
        /^[A-Za-z0-9 -]{3,10}$/.test(text(input, 'postal_code')),
        'Enter your postal code.',
      );
      break;
    case 'id-verification':
      need(
        'document_type',
        ['passport', 'drivers_license', 'id_card'].includes(text(input, 'document_type')),
        'Choose a document type.',
      );
      need(
        'document_number',
        text(input, 'document_number').length >= 4,
        'Enter the document number.',
      );
      break;
    case 'background-check':
      need(
        'consent',
        ['on', 'true', 'yes'].includes(text(input, 'consent')),
        'You must consent to the background check.',
      );
      break;
    case 'manage-payments':
      checkBank(input, need);
      break;
    case 'manage-payouts':
    case 'payout': {
      const platform = text(input, 'platform');
      need(
        'platform',
        ['paypal', 'venmo', 'ach'].includes(platform),
        'Choose PayPal, Venmo or a bank account.',
      );
      if (platform === 'paypal')
        need('email', EMAIL.test(text(input, 'email')), 'Enter the email of your PayPal account.');
      if (platform === 'venmo')
        need(
          'phone_number',
          /^\d{7,15}$/.test(text(input, 'phone_number')),
          'Enter the phone number of your Venmo account (digits only).',
        );
      if (platform === 'ach') checkBank(input, need);
      if (step === 'payout' && !payoutAmountFixed) {
        need(
          'amount',
          /^\d+(\.\d{1,2})?$/.test(text(input, 'amount')) && Number(text(input, 'amount')) > 0,
          'Enter an amount in dollars, e.g. 10.00.',
        );
      }
      break;
    }
    case 'pdf-form-fill':
      need('signature', text(input, 'signature').length >= 2, 'Type your full name to sign.');
      break;
    case 'redirect':
      break;
    default:
      step satisfies never;
  }
  if (errors.length > 0) {
    throw new SandboxError({
      code: 'invalid-input',
      message: errors.map((e) => e.message).join(' '),
      status: 400,
      details: errors,
    });
  }
}

/**
 * Checks the onboarding (sign-in) form in the words a person reads ("Enter your first
 * name"), one detail per bad field; returns the trimmed values. The API's own schema
 * still checks the result.
 */
export function checkOnboardingInput(input: StepInput): Record<string, string> {
  const values = {
    first_name: text(input, 'first_name'),
    last_name: text(input, 'last_name'),
    email: text(input, 'email'),
    country_code: text(input, 'country_code'),
    phone_number: text(input, 'phone_number').replace(/[\s()-]/g, ''),
  };
  const errors: SandboxErrorDetail[] = [];
  const need: Need = (key, ok, message) => {
    if (!ok) errors.push({ field: key, message });
  };
  const name = (v: string) => v.length >= 1 && v.length <= 50;
  need('first_name', name(values.first_name), 'Enter your first name (up to 50 characters).');
  need('last_name', name(values.last_name), 'Enter your last name (up to 50 characters).');
  need('email', EMAIL.test(values.email), 'Enter your email address, e.g. name@example.com.');
  need(
    'country_code',
    /^\d{1,3}$/.test(values.country_code),
    'Enter the country calling code: 1 to 3 digits, e.g. 1.',
  );
  need(
    'phone_number',
    /^\d{1,20}$/.test(values.phone_number),
    'Enter your phone number in digits, e.g. 4155550123.',
  );
  if (errors.length > 0) {
    throw new SandboxError({
      code: errors.length === 1 && errors[0]?.field === 'email' ? 'invalid-email' : 'invalid-input',
      message: errors.map((e) => e.message).join(' '),
      status: 400,
      details: errors,
    });
  }
  return values;
}

/** Reads a string field of a checked step input. */
export const field = text;

/** Dollars string ("12.50") to cents. */
export const dollarsToCents = (v: string): number => Math.round(Number(v) * 100);

const BANK = { routing_number: '110000000', account_number: '000123456789' };

/** Plausible values for `step` that a test control uses when its body leaves them out. */
export function defaultStepInput(step: StepName, user: UserRecord, amountCents: number): StepInput {
  switch (step) {
    case 'compliance':
      return {
        tax_id: '123456789',
        date_of_birth: '1990-01-01',
        address: '1 Market St',
        postal_code: '94105',
      };
    case 'id-verification':
      return { document_type: 'passport', document_number: 'X1234567' };
    case 'background-check':
      return { consent: 'yes' };
    case 'manage-payments':
      return { ...BANK };
    case 'manage-payouts':
    case 'payout': {
      const method = user.payout_methods.find((m) => m.platform === user.default_payout_method);
      const base =
        method?.platform === 'venmo'
          ? { platform: 'venmo', phone_number: method.phone_number }
          : method?.platform === 'ach'
            ? { platform: 'ach', ...BANK }
            : { platform: 'paypal', email: method?.email ?? user.email };
      return { ...BANK, ...base, amount: (amountCents / 100).toFixed(2) };
    }
    case 'pdf-form-fill':
      return { signature: `${user.first_name} ${user.last_name}` };
    case 'redirect':
      return {};
    default:
      return step satisfies never;
  }
}
