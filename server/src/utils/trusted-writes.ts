import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Marks writes made by the plugin's own services (publish, withdraw), which may set fields that the
 * immutability guard refuses from everyone else. AsyncLocalStorage follows the call through every await,
 * so a concurrent Content Manager request never inherits the mark.
 */
const store = new AsyncLocalStorage<true>();

export const asTrustedWrite = <T>(work: () => Promise<T>): Promise<T> => store.run(true, work);

export const isTrustedWrite = (): boolean => store.getStore() === true;
