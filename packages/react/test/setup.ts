import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Unmount whatever a test rendered (vitest runs without globals, so RTL cannot do it).
afterEach(() => cleanup());
