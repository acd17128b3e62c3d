import { DOTS_ENVIRONMENTS } from '@dotskit/api/wire';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, readConfig } from './config.mjs';

describe('readConfig', () => {
  it('defaults to the offline sandbox on 3000/4010 with SQLite under .data/', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      port: 3000,
      sandboxPort: 4010,
      databaseUrl: 'sqlite:.data/demo.db',
      dots: null,
    });
    expect(config.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('honours PORT and SANDBOX_PORT, including 0', () => {
    expect(readConfig({ PORT: '0', SANDBOX_PORT: '5555' })).toMatchObject({
      port: 0,
      sandboxPort: 5555,
    });
    expect(() => readConfig({ PORT: 'http' })).toThrow(/PORT must be a port number/);
  });

  it("points at Dots' real sandbox, production, or a base URL with credentials", () => {
    const creds = { DOTS_CLIENT_ID: 'pk', DOTS_API_KEY: 'sk' };
    expect(readConfig(creds).dots).toEqual({
      clientId: 'pk',
      apiKey: 'sk',
      baseUrl: DOTS_ENVIRONMENTS.sandbox,
    });
    expect(readConfig({ ...creds, DOTS_ENVIRONMENT: 'production' }).dots?.baseUrl).toBe(
      DOTS_ENVIRONMENTS.production,
    );
    expect(
      readConfig({ ...creds, DOTS_ENVIRONMENT: 'http://127.0.0.1:4010/api/' }).dots?.baseUrl,
    ).toBe('http://127.0.0.1:4010/api');
    expect(() => readConfig({ ...creds, DOTS_ENVIRONMENT: 'staging' })).toThrow(
      /DOTS_ENVIRONMENT must be/,
    );
    // The API key must not cross a network in clear text.
    expect(() => readConfig({ ...creds, DOTS_ENVIRONMENT: 'http://dots.example/api' })).toThrow(
      /http: off loopback/,
    );
    expect(() => readConfig({ DOTS_CLIENT_ID: 'pk' })).toThrow(
      /both DOTS_CLIENT_ID and DOTS_API_KEY/,
    );
  });

  it('makes a fresh Svix-style secret each time', () => {
    expect(generateWebhookSecret()).not.toBe(generateWebhookSecret());
  });
});
