import { DotsFlow, type FlowStep, type FlowStepName } from '@dotskit/react';
import type { FakeBroker } from '@dotskit/react/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { MockedDots } from './support/mocked-dots';

/**
 * `<DotsFlow>` in every state, against a network-mocked broker. The flow page is a
 * static stand-in for Dots' hosted page: fill it in to walk the steps.
 */
const meta = {
  title: 'Components/DotsFlow',
  component: DotsFlow,
  args: {
    steps: ['compliance', 'manage-payouts'],
    onReady: fn(),
    onStepComplete: fn(),
    onComplete: fn(),
    onExit: fn(),
    onError: fn(),
    onUserLinked: fn(),
  },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof DotsFlow>;

export default meta;
type Story = StoryObj<typeof meta>;

type Seed = (fake: FakeBroker) => string | undefined;

/** Renders the flow inside a provider on a fresh fake broker seeded by `seed`. */
const mocked =
  (seed?: Seed, options: { hang?: RegExp } = {}): Story['render'] =>
  (args, { globals }) => (
    <MockedDots<string | undefined> seed={seed} hang={options.hang} theme={globals.theme}>
      {(flowId) => <DotsFlow {...args} flowId={flowId ?? args.flowId} />}
    </MockedDots>
  );

/** Puts a flow in the fake broker, as if created earlier. */
const existingFlow =
  (steps: FlowStep[], completed: FlowStepName[], createdMinutesAgo = 1): Seed =>
  (fake) => {
    const id = `flow-${Math.random().toString(36).slice(2, 10)}`;
    fake.flows.set(id, {
      id,
      link: `${fake.flowOrigin}/flow/${id}`,
      steps,
      completed_steps: completed,
      user_id: completed.length ? 'user-3f1c' : null,
      created: new Date(Date.now() - createdMinutesAgo * 60_000).toISOString(),
    });
    return id;
  };

/** Creating the flow: the broker has not answered yet. */
export const Loading: Story = { render: mocked(undefined, { hang: /^\/flows$/ }) };

/** Onboarding, at its first step: fill the form to move on. */
export const Onboarding: Story = { render: mocked() };

/** The form of the stand-in flow page once it shows `heading`. */
const pageForm = (canvasElement: HTMLElement, heading: string) =>
  waitFor(() => {
    const doc = canvasElement.querySelector('iframe')?.contentDocument;
    const form = doc?.querySelector('form');
    if (!form || form.querySelector('h1')?.textContent !== heading) throw new Error('not yet');
    return form;
  });

/** Fills and submits the stand-in page's form. */
const submit = (form: HTMLFormElement) => {
  for (const input of form.querySelectorAll('input')) input.value = 'Alice';
  form.requestSubmit();
};

/**
 * Walked through: both steps submitted on the stand-in page; each callback fires once,
 * whichever of the page message, the event stream and polling reports first.
 */
export const WalkedThrough: Story = {
  render: mocked(),
  play: async ({ args, canvasElement }) => {
    submit(await pageForm(canvasElement, 'Tax information'));
    submit(await pageForm(canvasElement, 'Payout method'));
    await waitFor(() => expect(args.onComplete).toHaveBeenCalledTimes(1));
    await expect(args.onStepComplete).toHaveBeenCalledTimes(2);
    await expect(args.onUserLinked).toHaveBeenCalledTimes(1);
  },
};

/** Resumed at its second step (compliance done). */
export const SecondStep: Story = {
  render: mocked(existingFlow(['compliance', 'manage-payouts'], ['compliance'])),
};

const ALL_STEPS: FlowStepName[] = [
  'compliance',
  'id-verification',
  'background-check',
  'manage-payments',
  'manage-payouts',
  'payout',
  'redirect',
  'pdf-form-fill',
];

/** One story per step, each a one-step flow. */
const stepStory = (step: FlowStepName): Story => ({
  args: { steps: [step] },
  render: mocked(),
});
export const StepCompliance = stepStory(ALL_STEPS[0]!);
export const StepIdVerification = stepStory(ALL_STEPS[1]!);
export const StepBackgroundCheck = stepStory(ALL_STEPS[2]!);
export const StepManagePayments = stepStory(ALL_STEPS[3]!);
export const StepManagePayouts = stepStory(ALL_STEPS[4]!);
export const StepPayout = stepStory(ALL_STEPS[5]!);
export const StepRedirect = stepStory(ALL_STEPS[6]!);
export const StepPdfFormFill = stepStory(ALL_STEPS[7]!);

/** "Change payout method" for a signed-in seller: `hide_continue_button`. */
export const ChangePayoutMethod: Story = {
  args: { steps: [{ name: 'manage-payouts', hide_continue_button: true }] },
  render: mocked(),
};

/** A resumed flow whose every step was already done: the completion notice, no callbacks. */
export const Complete: Story = {
  render: mocked(existingFlow(['compliance', 'manage-payouts'], ['compliance', 'manage-payouts'])),
  play: async ({ args, canvasElement }) => {
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-state="complete"]')).not.toBeNull(),
    );
    // Already complete when this mount first loaded it: not news, so no onComplete
    // (useDotsFlow's alreadyComplete is true).
    await expect(args.onComplete).not.toHaveBeenCalled();
    await expect(args.onStepComplete).not.toHaveBeenCalled();
  },
};

/** The broker failed to create the flow (502): an error with a retry. */
export const ErrorState: Story = {
  name: 'Error',
  tags: ['expected-http-error'],
  render: mocked((fake) => {
    fake.failNext({ method: 'POST', path: '/flows' }, 502, 'upstream_error');
    return undefined;
  }),
};

/** Resuming a flow the broker does not know (404 — e.g. someone else's). */
export const NotFound: Story = {
  tags: ['expected-http-error'],
  args: { flowId: 'flow-of-someone-else' },
  render: mocked(),
};

/** The link is older than 15 minutes: offer a fresh flow. */
export const Expired: Story = {
  render: mocked(existingFlow(['compliance', 'manage-payouts'], [], 16)),
};

/** The user left with Cancel. */
export const Exited: Story = {
  render: mocked(),
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /cancel/i }));
    await expect(args.onExit).toHaveBeenCalledTimes(1);
  },
};

/** Dark appearance, whatever the toolbar says. */
export const Dark: Story = {
  render: (args) => <MockedDots theme="dark">{() => <DotsFlow {...args} />}</MockedDots>,
  globals: { theme: 'dark' },
};
