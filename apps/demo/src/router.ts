import { useEffect, useState } from 'react';

/** The demo's pages, addressed by the URL hash (`#/get-paid`). */
export const PAGES = [
  { path: 'onboarding', title: 'Onboarding' },
  { path: 'get-paid', title: 'Get paid' },
  { path: 'wallet', title: 'Wallet' },
  { path: 'weekly-batch', title: 'Weekly batch' },
  { path: 'payout-method', title: 'Payout method' },
  { path: 'payouts', title: 'Payouts' },
] as const;

/** A page path. */
export type PagePath = (typeof PAGES)[number]['path'];

function current(): PagePath {
  const path = window.location.hash.replace(/^#\/?/, '');
  return PAGES.find((p) => p.path === path)?.path ?? 'onboarding';
}

/** The page the hash points at (default: onboarding), updated on navigation. */
export function useHashRoute(): PagePath {
  const [page, setPage] = useState<PagePath>(current);
  useEffect(() => {
    const onChange = () => setPage(current());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return page;
}
