/** Credentials shared by the sandbox and the broker child processes of the hardening suite. */
export const CLIENT_ID = 'dotskit_hardening_client';
/** The Dots API key; it must never leave the broker. */
export const API_KEY = 'dots_hardening_key_3c9e1f0a7b2d4e6f8a1c3e5b7d9f0a2c';
/** HS256 secret the broker verifies principal tokens with. */
export const JWT_SECRET = 'hardening-jwt-secret-that-is-long-enough-0123456789';
/** The webhook endpoint secret (Svix format). */
export const WEBHOOK_SECRET = `whsec_${Buffer.from('dotskit-hardening-webhook-secret!').toString('base64')}`;
/** Every scope the broker knows. */
export const ALL_SCOPES =
  'flows:write flows:read payout_links:write payout_links:read payouts:read';
/** The sandbox's options in this suite (in this process or its own): controls on, fast webhook retries. */
export const HARDENING_SANDBOX_OPTIONS = {
  enableControls: true,
  clientId: CLIENT_ID,
  apiKey: API_KEY,
  webhookRetry: { delaysMs: [200, 500, 1000, 2000, 4000, 8000], timeoutMs: 15_000 },
};
