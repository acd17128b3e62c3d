/** Shown on pages that need a Dots user when the seller has none yet. */
export function NeedsOnboarding({ what }: { what: string }) {
  return (
    <p className="note" data-testid="needs-onboarding">
      {what} needs a finished onboarding first: <a href="#/onboarding">get set up</a>.
    </p>
  );
}
