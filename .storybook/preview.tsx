import '@dotskit/react/styles.css';
import type { Decorator, Preview } from '@storybook/react-vite';
import { startMockWorker } from '../apps/demo/stories/support/mock-broker';

// Dark and light: the toolbar's theme reaches each story as `globals.theme`; stories pass
// it to <DotsProvider appearance={{ theme }}>, and the canvas background follows.
const withTheme: Decorator = (Story, context) => {
  const dark = context.globals.theme === 'dark';
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  document.body.style.background = dark ? '#15161a' : '#ffffff';
  document.body.style.color = dark ? '#ececec' : '#1d1d1b';
  return <Story />;
};

const preview: Preview = {
  globalTypes: {
    theme: {
      description: 'Appearance theme passed to DotsProvider',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  // The broker is mocked at the network layer: the service worker must be up first.
  loaders: [async () => ({ mockWorker: await startMockWorker() })],
  decorators: [withTheme],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
};

export default preview;
