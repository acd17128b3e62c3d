import '@dotskit/react/styles.css';
import type { ReactNode } from 'react';

export const metadata = {
  title: 'dotskit example: Next.js',
  icons: { icon: 'data:,' }, // no favicon request
};

/** The root layout: a Server Component, as in any App Router app. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
