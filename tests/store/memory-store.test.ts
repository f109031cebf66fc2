import { MemoryStore } from '../../src/store/memory-store.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('MemoryStore', async () => ({ open: async () => new MemoryStore() }), { shared: false });
