import type { Core } from '@strapi/strapi';
import { WEBHOOK_EVENTS, type WebhookEvent, type WebhookPayloads } from '../../../shared/webhook-events';
import { acceptanceEvent, policyVersionPayload, type RecordedConsent, type ReleasedVersion } from '../domain/webhook-events';
import { releasesRepository } from '../repositories/releases';
import { webhookNoticesRepository } from '../repositories/webhook-notices';

const EFFECTIVE = WEBHOOK_EVENTS.POLICY_VERSION_EFFECTIVE;

/**
 * The plugin's webhook events (domain/webhook-events.ts), emitted on Strapi's event hub, from which Strapi's
 * webhook runner delivers them. Callers emit after their transaction committed; nothing here throws, so a
 * webhook never fails what it reports.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const notices = webhookNoticesRepository(strapi);
  const releases = releasesRepository(strapi);

  function emit<Event extends WebhookEvent>(event: Event, data: WebhookPayloads[Event]) {
    strapi.eventHub.emit(event, data).catch((error: Error) => strapi.log.error(`policy-versions: the ${event} event failed: ${error.message}`));
  }

  const failed = (what: string) => (error: Error) => strapi.log.error(`policy-versions: ${what}: ${error.message}`);

  /**
   * Sends `policy-version.effective` for every version in effect with no notice yet, each claimed first, so of
   * several instances the one whose claim the database stored sends it (at most once: a process that dies between
   * claim and send loses that one event).
   */
  async function notifyEffective() {
    for (const due of await notices.due(EFFECTIVE, new Date())) {
      if (!(await notices.claim(EFFECTIVE, due.policyKey, due.version))) continue;
      const release = (await releases.findByPolicy(due.policyKey)).find((found) => found.version === due.version);
      if (release) emit(EFFECTIVE, { policyVersion: policyVersionPayload(release) });
    }
  }

  return {
    emit,

    /** After a publication committed: its event, then the effective event if it is in effect already. */
    async published(release: ReleasedVersion) {
      emit(WEBHOOK_EVENTS.POLICY_VERSION_PUBLISH, { policyVersion: policyVersionPayload(release) });
      if (release.effectiveAt <= new Date()) await notifyEffective().catch(failed('the effective-version events could not be sent'));
    },

    /** After a withdrawal committed. */
    withdrawn(release: ReleasedVersion) {
      emit(WEBHOOK_EVENTS.POLICY_VERSION_WITHDRAW, { policyVersion: policyVersionPayload(release) });
    },

    /** After a new acceptance or withdrawal committed; a replayed one is not new and sends nothing. */
    recorded(record: RecordedConsent) {
      const found = acceptanceEvent(record);
      if (found) emit(found.event, found.data);
    },

    /** For the cron tick. */
    tick: () => notifyEffective().catch(failed('the effective-version events could not be sent (retried at the next tick)')),

    /**
     * For the bootstrap, before the first tick: on the first boot with these events, the versions already in
     * effect are recorded as notified without an event, so upgrading does not announce every past version.
     */
    async recordBaseline() {
      const recorded = await notices.recordBaseline(EFFECTIVE, new Date());
      if (recorded) strapi.log.info(`policy-versions: ${recorded} versions already in effect are recorded without a ${EFFECTIVE} event`);
    },
  };
};
