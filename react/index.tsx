export { prefetchConsent } from '../client/consent-flow';
