import { createMemoryStore } from './memory-store';
import { describeStoreContract } from './store-contract';

describeStoreContract('memory', async (clock) => createMemoryStore({ now: clock.now }));
