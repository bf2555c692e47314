import { adminApi } from '@strapi/strapi/admin';
import type * as PolicyRoutes from '../../../shared/contracts/admin-policies';
import type * as DiffRoutes from '../../../shared/contracts/diff';
import type * as LedgerRoutes from '../../../shared/contracts/ledger';
import type { BodyOf, QueryOf, ResponseOf, RouteContract } from '../../../shared/contracts/route';
import type * as VersionRoutes from '../../../shared/contracts/versions';
import type { EditorVersion } from '../../../shared/contracts/versions';
import type { PolicyLocale } from '../../../shared/locales';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../../../shared/webhook-events';
import { PLUGIN_ID } from '../pluginId';

/**
 * The plugin's admin routes on Strapi's own data layer (RTK Query), typed by shared/contracts. Tags say what
 * a change makes stale:
 * - Policy, by key and `LIST`: one policy and the list (version in force, next one, consent counts);
 * - Version, by documentId, and `list:<key>` for a policy's timeline; a diff is tagged with both its sides;
 * - PublicationCheck, by documentId: a draft's dry run, stale once its texts or consent terms change. Publishing ends the
 *   draft, so publishing does not ask for it again (it would be refused as no longer a draft);
 * - Acceptance, by policy key: its consent counts, which depend on the version in force, and its ledger records;
 * - Withdrawal, by policy key: its withdrawals of consent with their outcomes, and their open and overdue counts;
 * - Webhook, Strapi's tag for its webhooks (by id and `LIST`), shared with Settings › Webhooks.
 * Ledger data is written by end users, outside this admin, so those answers are not kept once unused.
 */

const POLICY = 'PolicyVersionsPolicy';
const VERSION = 'PolicyVersionsVersion';
const CHECK = 'PolicyVersionsPublicationCheck';
const ACCEPTANCE = 'PolicyVersionsAcceptance';
const WITHDRAWAL = 'PolicyVersionsWithdrawal';
// Strapi's own tag for its webhooks: a change made here shows at once in Settings › Webhooks, and the other way round.
const WEBHOOK = 'Webhook';
const PLUGIN_EVENTS: readonly string[] = Object.values(WEBHOOK_EVENTS);

const base = `/${PLUGIN_ID}`;
const policyUrl = (key: string) => `${base}/policies/${encodeURIComponent(key)}`;
const versionUrl = (documentId: string) => `${base}/versions/${encodeURIComponent(documentId)}`;

/** The `data` of a route's JSON answer. */
type DataOf<Route extends RouteContract, Status extends keyof Route['responses'] = 200> =
  ResponseOf<Route, Status> extends { data: infer Data } ? Data : never;
const data = <Answer extends { data: unknown }>(answer: Answer): Answer['data'] => answer.data;

const policyTag = (id: string) => ({ type: POLICY, id }) as const;
const versionTag = (id: string) => ({ type: VERSION, id }) as const;
const checkTag = (documentId: string) => ({ type: CHECK, id: documentId }) as const;
const versionList = (key: string) => versionTag(`list:${key}`);

/** What publishing or withdrawing a version changes: its timeline, its policy, and what depends on the version in force. */
const timelineOf = (version: EditorVersion | undefined) =>
  version
    ? [
        versionTag(version.documentId),
        // The version in force may be another one now, and so the diffs against it.
        versionTag('current'),
        policyTag(version.policyKey),
        policyTag('LIST'),
        { type: ACCEPTANCE, id: version.policyKey } as const,
      ]
    : [];

type DraftText = BodyOf<typeof VersionRoutes.updateDraftLocale>;
export type LedgerQuery = QueryOf<typeof LedgerRoutes.listAcceptances>;
export type WithdrawalQuery = QueryOf<typeof LedgerRoutes.listWithdrawals>;
export type WithdrawalStatus = NonNullable<WithdrawalQuery['status']>;
export type WithdrawalOutcomeBody = BodyOf<typeof LedgerRoutes.recordWithdrawalOutcome>;
/** A webhook as Strapi's admin API answers it (`GET /admin/webhooks`). */
export interface StrapiWebhook {
  id: string | number;
  name: string;
  url: string;
  headers: Record<string, string>;
  events: string[];
  isEnabled: boolean;
}

export type RefusalGround = Extract<WithdrawalOutcomeBody, { outcome: 'refused' }>['ground'];

// Endpoint names share one namespace with every other plugin's (the admin has a single adminApi), hence "Policy" in each.
const policyApi = adminApi.enhanceEndpoints({ addTagTypes: [POLICY, VERSION, CHECK, ACCEPTANCE, WITHDRAWAL, WEBHOOK] }).injectEndpoints({
  endpoints: (builder) => ({
    listPolicies: builder.query<DataOf<typeof PolicyRoutes.listPoliciesForEditors>, void>({
      query: () => ({ url: `${base}/policies`, method: 'GET' }),
      transformResponse: data<ResponseOf<typeof PolicyRoutes.listPoliciesForEditors>>,
      providesTags: (policies) => [policyTag('LIST'), ...(policies ?? []).map(({ key }) => policyTag(key))],
      // It carries consent counts.
      keepUnusedDataFor: 0,
    }),

    getPolicy: builder.query<DataOf<typeof PolicyRoutes.getPolicyForEditors>, string>({
      query: (key) => ({ url: policyUrl(key), method: 'GET' }),
      transformResponse: data<ResponseOf<typeof PolicyRoutes.getPolicyForEditors>>,
      providesTags: (_policy, _error, key) => [policyTag(key)],
    }),

    createPolicy: builder.mutation<DataOf<typeof PolicyRoutes.createPolicy, 201>, BodyOf<typeof PolicyRoutes.createPolicy>>({
      query: (body) => ({ url: `${base}/policies`, method: 'POST', data: body }),
      transformResponse: data<ResponseOf<typeof PolicyRoutes.createPolicy, 201>>,
      invalidatesTags: [policyTag('LIST')],
    }),

    listPolicyVersions: builder.query<DataOf<typeof VersionRoutes.listPolicyVersions>, string>({
      query: (key) => ({ url: `${policyUrl(key)}/versions`, method: 'GET' }),
      transformResponse: data<ResponseOf<typeof VersionRoutes.listPolicyVersions>>,
      providesTags: (versions, _error, key) => [versionList(key), ...(versions ?? []).map(({ documentId }) => versionTag(documentId))],
    }),

    getPolicyVersion: builder.query<EditorVersion, string>({
      query: (documentId) => ({ url: versionUrl(documentId), method: 'GET' }),
      transformResponse: data<ResponseOf<typeof VersionRoutes.getPolicyVersion>>,
      providesTags: (_version, _error, documentId) => [versionTag(documentId)],
    }),

    createPolicyDraft: builder.mutation<EditorVersion, { key: string } & BodyOf<typeof VersionRoutes.createDraft>>({
      query: ({ key, ...body }) => ({ url: `${policyUrl(key)}/versions`, method: 'POST', data: body }),
      transformResponse: data<ResponseOf<typeof VersionRoutes.createDraft, 201>>,
      invalidatesTags: (_draft, _error, { key }) => [versionList(key)],
    }),

    /**
     * Saves several locales of a draft, one request each as the API takes them, in one mutation: what
     * depends on the draft is asked again once, after the last (a refresh asked for while one is under way
     * is dropped, and would miss the later locales).
     */
    updatePolicyDraft: builder.mutation<
      EditorVersion,
      { documentId: string; texts: [{ locale: PolicyLocale; text: DraftText }, ...Array<{ locale: PolicyLocale; text: DraftText }>] }
    >({
      async queryFn({ documentId, texts }, _api, _extra, baseQuery) {
        let latest: EditorVersion | undefined;
        for (const { locale, text } of texts) {
          const answer = await baseQuery({ url: `${versionUrl(documentId)}/locales/${locale}`, method: 'PUT', data: text });
          if (answer.error) return { error: answer.error };
          latest = (answer.data as ResponseOf<typeof VersionRoutes.updateDraftLocale>).data;
        }
        // `texts` has at least one entry, so the loop ran.
        return { data: latest as EditorVersion };
      },
      invalidatesTags: (_draft, _error, { documentId }) => [versionTag(documentId), checkTag(documentId)],
    }),

    /** Replaces a draft's consent terms, the whole object (items may stay unset until publication). */
    updatePolicyDraftConsent: builder.mutation<EditorVersion, { documentId: string; terms: BodyOf<typeof VersionRoutes.updateDraftConsent> }>({
      query: ({ documentId, terms }) => ({ url: `${versionUrl(documentId)}/consent`, method: 'PUT', data: terms }),
      transformResponse: data<ResponseOf<typeof VersionRoutes.updateDraftConsent>>,
      invalidatesTags: (_draft, _error, { documentId }) => [versionTag(documentId), checkTag(documentId)],
    }),

    deletePolicyDraft: builder.mutation<void, { documentId: string; policyKey: string }>({
      query: ({ documentId }) => ({ url: versionUrl(documentId), method: 'DELETE' }),
      // Not the draft's own tag: its editor is still open and would ask for a version that is gone.
      invalidatesTags: (_result, _error, { policyKey }) => [versionList(policyKey)],
    }),

    checkPolicyPublication: builder.query<
      DataOf<typeof VersionRoutes.runPublicationCheck>,
      { documentId: string } & BodyOf<typeof VersionRoutes.runPublicationCheck>
    >({
      query: ({ documentId, ...body }) => ({ url: `${versionUrl(documentId)}/publication-check`, method: 'POST', data: body }),
      transformResponse: data<ResponseOf<typeof VersionRoutes.runPublicationCheck>>,
      providesTags: (_check, _error, { documentId }) => [checkTag(documentId)],
      // A verdict against the clock and the policy's other versions as they are now.
      keepUnusedDataFor: 0,
    }),

    publishPolicyVersion: builder.mutation<EditorVersion, { documentId: string } & BodyOf<typeof VersionRoutes.publishVersion>>({
      query: ({ documentId, ...body }) => ({ url: `${versionUrl(documentId)}/publish`, method: 'POST', data: body }),
      transformResponse: data<ResponseOf<typeof VersionRoutes.publishVersion>>,
      invalidatesTags: timelineOf,
    }),

    withdrawPolicyVersion: builder.mutation<EditorVersion, string>({
      query: (documentId) => ({ url: `${versionUrl(documentId)}/withdraw`, method: 'POST' }),
      transformResponse: data<ResponseOf<typeof VersionRoutes.withdrawVersion>>,
      invalidatesTags: timelineOf,
    }),

    importPolicyText: builder.mutation<EditorVersion, { key: string } & BodyOf<typeof PolicyRoutes.importPolicyText>>({
      query: ({ key, ...body }) => ({ url: `${policyUrl(key)}/import`, method: 'POST', data: body }),
      transformResponse: data<ResponseOf<typeof PolicyRoutes.importPolicyText, 201>>,
      // Without a documentId the import starts a new draft, hence the timeline too.
      invalidatesTags: (draft, _error, { key }) =>
        draft ? [versionList(key), versionTag(draft.documentId), checkTag(draft.documentId)] : [],
    }),

    previewPolicyMarkdown: builder.query<string, string>({
      query: (markdown) => ({ url: `${base}/preview`, method: 'POST', data: { markdown } }),
      transformResponse: (answer: ResponseOf<typeof VersionRoutes.previewMarkdown>) => answer.data.html,
      // Every state of a text being typed is an entry of its own.
      keepUnusedDataFor: 0,
    }),

    getPolicyDiff: builder.query<DataOf<typeof DiffRoutes.getDraftDiff>, QueryOf<typeof DiffRoutes.getDraftDiff> & { from: string }>({
      query: (params) => ({ url: `${base}/diff`, method: 'GET', config: { params } }),
      transformResponse: data<ResponseOf<typeof DiffRoutes.getDraftDiff>>,
      providesTags: (_diff, _error, { from, to }) => [versionTag(from), versionTag(to)],
    }),

    listPolicyAcceptances: builder.query<ResponseOf<typeof LedgerRoutes.listAcceptances>, LedgerQuery>({
      query: (params) => ({ url: `${base}/acceptances`, method: 'GET', config: { params } }),
      // Recording a withdrawal's outcome appends an audit event.
      providesTags: (_records, _error, { policy }) => [{ type: ACCEPTANCE, id: policy ?? 'ALL' }],
      keepUnusedDataFor: 0,
    }),

    getPolicyAcceptanceStats: builder.query<DataOf<typeof LedgerRoutes.acceptanceStats>, string>({
      query: (policy) => ({ url: `${base}/acceptances/stats`, method: 'GET', config: { params: { policy } } }),
      transformResponse: data<ResponseOf<typeof LedgerRoutes.acceptanceStats>>,
      providesTags: (_stats, _error, policy) => [{ type: ACCEPTANCE, id: policy }],
      keepUnusedDataFor: 0,
    }),

    // Run on demand (a lazy query, no tags): it reads the whole ledger.
    verifyPolicyLedger: builder.query<DataOf<typeof LedgerRoutes.verifyLedger>, void>({
      query: () => ({ url: `${base}/acceptances/verify`, method: 'GET' }),
      transformResponse: data<ResponseOf<typeof LedgerRoutes.verifyLedger>>,
      keepUnusedDataFor: 0,
    }),

    listPolicyWithdrawals: builder.query<ResponseOf<typeof LedgerRoutes.listWithdrawals>, WithdrawalQuery>({
      query: (params) => ({ url: `${base}/withdrawals`, method: 'GET', config: { params } }),
      providesTags: (_cases, _error, { policy }) => [{ type: WITHDRAWAL, id: policy ?? 'ALL' }],
      // Deadlines pass and subjects withdraw outside this admin.
      keepUnusedDataFor: 0,
    }),

    recordWithdrawalOutcome: builder.mutation<DataOf<typeof LedgerRoutes.recordWithdrawalOutcome, 201>, { id: string; body: WithdrawalOutcomeBody }>({
      query: ({ id, body }) => ({ url: `${base}/withdrawals/${encodeURIComponent(id)}/outcome`, method: 'POST', data: body }),
      transformResponse: data<ResponseOf<typeof LedgerRoutes.recordWithdrawalOutcome, 201>>,
      // Every list and count of withdrawals (by policy or not), and the ledger, which gains the audit event.
      invalidatesTags: [WITHDRAWAL, ACCEPTANCE],
    }),

    /** Strapi's webhooks (its admin API, behind admin::webhooks.read), to subscribe them to the plugin's events. */
    listPolicyWebhooks: builder.query<StrapiWebhook[], void>({
      query: () => ({ url: '/admin/webhooks', method: 'GET' }),
      transformResponse: (answer: { data: StrapiWebhook[] }) => answer.data,
      providesTags: (webhooks) => [{ type: WEBHOOK, id: 'LIST' } as const, ...(webhooks ?? []).map(({ id }) => ({ type: WEBHOOK, id }) as const)],
    }),

    /**
     * Sets which of the plugin's events a webhook receives, keeping its other events. Strapi's update takes the
     * whole webhook (admin::webhooks.update); its events are checked against the store's registered ones.
     */
    updatePolicyWebhookEvents: builder.mutation<StrapiWebhook, { webhook: StrapiWebhook; pluginEvents: WebhookEvent[] }>({
      query: ({ webhook: { id, name, url, headers, isEnabled, events }, pluginEvents }) => ({
        url: `/admin/webhooks/${encodeURIComponent(String(id))}`,
        method: 'PUT',
        data: { name, url, headers, isEnabled, events: [...events.filter((event) => !PLUGIN_EVENTS.includes(event)), ...pluginEvents] },
      }),
      transformResponse: (answer: { data: StrapiWebhook }) => answer.data,
      invalidatesTags: (_webhook, _error, { webhook }) => [{ type: WEBHOOK, id: webhook.id } as const, { type: WEBHOOK, id: 'LIST' } as const],
    }),
  }),
  overrideExisting: false,
});

export const {
  useListPoliciesQuery,
  useGetPolicyQuery,
  useCreatePolicyMutation,
  useListPolicyVersionsQuery,
  useGetPolicyVersionQuery,
  useCreatePolicyDraftMutation,
  useUpdatePolicyDraftMutation,
  useUpdatePolicyDraftConsentMutation,
  useDeletePolicyDraftMutation,
  useCheckPolicyPublicationQuery,
  usePublishPolicyVersionMutation,
  useWithdrawPolicyVersionMutation,
  useImportPolicyTextMutation,
  usePreviewPolicyMarkdownQuery,
  useGetPolicyDiffQuery,
  useListPolicyAcceptancesQuery,
  useGetPolicyAcceptanceStatsQuery,
  useLazyVerifyPolicyLedgerQuery,
  useListPolicyWithdrawalsQuery,
  useRecordWithdrawalOutcomeMutation,
  useListPolicyWebhooksQuery,
  useUpdatePolicyWebhookEventsMutation,
} = policyApi;
