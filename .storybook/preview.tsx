import '@dotskit/react/styles.css';
// The demo's own stylesheet: stories look as the components do inside the demo app.
import '../apps/demo/src/app.css';
import type { Decorator, Preview } from '@storybook/react-vite';
import { startMockWorker } from '../apps/demo/stories/support/mock-broker';

// Dark and light: the toolbar's theme reaches each story as `globals.theme`; stories pass
// it to <DotsProvider appearance>, and the page (demo stylesheet) follows `data-theme`.
const withTheme: Decorator = (Story, context) => {
  document.documentElement.dataset.theme = context.globals.theme === 'dark' ? 'dark' : 'light';
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
