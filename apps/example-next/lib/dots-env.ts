// The app's configuration from the environment (README.md lists the variables).

/** The environment variable `name`; throws naming it when it is unset or empty. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see README.md).`);
  return value;
}

/** `DOTS_ENVIRONMENT`: `sandbox` (default), `production`, or a local sandbox's API URL. */
export function dotsEnvironment(): 'sandbox' | 'production' | { baseUrl: string } {
  const value = process.env.DOTS_ENVIRONMENT ?? 'sandbox';
  if (value === 'sandbox' || value === 'production') return value;
  return { baseUrl: value };
}

/** The flow pages' origin when it is a local sandbox (`DotsProvider flowOrigins`), else none. */
export function localFlowOrigins(): string[] | undefined {
  const environment = dotsEnvironment();
  return typeof environment === 'object' ? [new URL(environment.baseUrl).origin] : undefined;
}
