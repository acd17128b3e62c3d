import type { SandboxEngine } from '../state/engine';
import { isExpired, nextStep } from '../state/flows';
import type { FlowRecord, StepName } from '../state/types';
import { BASE_CSS } from './base-css';
import { dollars, esc, type FormState } from './html';
import { onboardingForm, STEP_TITLES, stepForm } from './step-forms';
import { parseStyles } from './styles';

const heading = (text: string) => `<h1 id="flow-title" tabindex="-1">${esc(text)}</h1>`;

/**
 * The content of `<main>` for the flow's current state: expired, onboarding, the next
 * step's form, a "saved" screen after a step with `hide_continue_button`, or done.
 * `qs` (with its `?`) is kept on form actions so `?styles=` survives submissions.
 */
export function flowMain(
  engine: SandboxEngine,
  flow: FlowRecord,
  qs: string,
  state: FormState = {},
  justCompleted?: StepName,
): string {
  const link = flow.payout_link_id ? engine.store.payoutLinks.get(flow.payout_link_id) : undefined;
  if (isExpired(engine, flow)) {
    return `${heading('This link has expired')}<p class="lead">Links opened for a signed-in user stay valid for 15 minutes. Ask for a new link to continue.</p>`;
  }
  if (link && (link.status === 'canceled' || link.status === 'expired')) {
    return `${heading(`This payment was ${link.status}`)}<p class="lead">Contact the sender if you expected it.</p>`;
  }
  const user = flow.user_id ? engine.store.users.get(flow.user_id) : undefined;
  if (!user)
    return `${heading(link ? 'Claim your payment' : 'Welcome')}${onboardingForm(`/flow/${flow.id}/onboarding${qs}`, link, state)}`;
  const done = flow.steps.find((s) => s.name === justCompleted);
  if (done?.hide_continue_button) {
    return `${heading('Saved')}<p class="lead">${esc(STEP_TITLES[done.name])}: done.</p>`;
  }
  const step = nextStep(flow);
  if (!step) {
    const paid = link
      ? `<p class="lead">${dollars(link.amount)} is on its way to you.</p>`
      : '<p class="lead">You have completed every step.</p>';
    const dashboard = flow.hide_go_to_dashboard_on_complete
      ? ''
      : `<p><a class="button" href="/flow/${esc(flow.id)}/dashboard${esc(qs)}">Go to dashboard</a></p>`;
    return `${heading('All done')}${paid}${dashboard}`;
  }
  const index = flow.steps.indexOf(step) + 1;
  return `<p class="progress">Step ${index} of ${flow.steps.length}</p>${heading(STEP_TITLES[step.name])}${stepForm(step, `/flow/${flow.id}/steps/${step.name}${qs}`, user, link, state)}`;
}

/** A whole hosted page around `main`, themed from `?styles=`. */
export function page(title: string, main: string, styles: unknown, attrs = ''): string {
  const theme = parseStyles(styles);
  return `<!doctype html>
<html lang="en" data-theme="${theme.theme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Dots sandbox</title>
<style>:root{${theme.css} color-scheme:${theme.theme}}${BASE_CSS}</style>
</head>
<body>
<main id="dots-flow"${attrs}>
${main}
</main>
<p class="sandbox-badge">Dots sandbox · emulated by dotskit</p>
<script src="/assets/flow.js" defer></script>
</body>
</html>`;
}
