import { DotsFlow, DotsProvider, PayoutLinkButton, PayoutStatus } from '@dotskit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useMemo, useState } from 'react';
import { fn } from 'storybook/test';

/**
 * The components against a live sandbox + broker: run `pnpm start` (the demo server on
 * :3000), then `pnpm storybook`. Storybook's dev server proxies `/live/*` to the demo
 * server (see `.storybook/main.ts`), so the broker, the sandbox's hosted pages and the
 * webhooks are all real (the msw mock only answers `/dots/*`, so `/live/*` goes through).
 * In the static build there is no proxy: the story says so.
 */
const meta = {
  title: 'Live/Demo server',
  parameters: { layout: 'padded' },
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

const LIVE = '/live';
declare const __DOTSKIT_LIVE_PROXY__: boolean;
/** Set by `.storybook/main.ts`: only `storybook dev` proxies `/live` to the demo server. */
const canProxy = typeof __DOTSKIT_LIVE_PROXY__ !== 'undefined' && __DOTSKIT_LIVE_PROXY__;

async function session(sellerId?: string): Promise<{ token: string } | null> {
  const response = await fetch(`${LIVE}/api/session`, {
    method: sellerId ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json' },
    body: sellerId ? JSON.stringify({ sellerId }) : undefined,
  });
  if (response.status === 204) return null;
  if (!response.ok) throw new Error(`demo server answered ${response.status}`);
  return (await response.json()) as { token: string };
}

function Live({ theme }: { theme: 'light' | 'dark' }) {
  const [state, setState] = useState<'probing' | 'ready' | 'offline'>(
    canProxy ? 'probing' : 'offline',
  );
  const [linkId, setLinkId] = useState<string | null>(null);
  const [flowOrigins, setFlowOrigins] = useState<string[]>([]);
  useEffect(() => {
    if (!canProxy) return;
    Promise.all([session('seller_alice'), fetch(`${LIVE}/api/config`).then((r) => r.json())]).then(
      ([, config]: [unknown, { flowOrigins: string[] }]) => {
        setFlowOrigins(config.flowOrigins);
        setState('ready');
      },
      () => setState('offline'),
    );
  }, []);
  const broker = useMemo(
    () => ({
      url: `${LIVE}/dots`,
      getToken: async () => (await session())?.token ?? '',
    }),
    [],
  );
  if (state === 'probing') return <p>Looking for the demo server…</p>;
  if (state === 'offline') {
    return (
      <div>
        <h2>Live sandbox + broker</h2>
        <p>
          Start the demo (<code>pnpm start</code>, port 3000) and run <code>pnpm storybook</code>{' '}
          (dev mode proxies <code>/live</code> to it). The static build has no proxy, so this story
          only shows this note there.
        </p>
      </div>
    );
  }
  return (
    <DotsProvider broker={broker} appearance={{ theme }} flowOrigins={flowOrigins}>
      <p>Signed in to the demo server as Alice (seller_alice).</p>
      <DotsFlow
        steps={['compliance', 'manage-payouts']}
        title="Live onboarding"
        onComplete={fn().mockName('onComplete')}
      />
      <PayoutLinkButton amount={1500} memo="Live story" onCreated={(l) => setLinkId(l.id)} />
      {linkId && <PayoutStatus payoutLinkId={linkId} />}
    </DotsProvider>
  );
}

/** Onboarding, a payout link and its live status, all against the running demo server. */
export const AgainstDemoServer: Story = {
  render: (_args, { globals }) => <Live theme={globals.theme} />,
};
