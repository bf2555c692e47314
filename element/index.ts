export { createConsentFlow } from '../client/consent-flow';
