import type { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import type { ExportFormat } from '../../../shared/contracts/ledger';
import { adminOf, type Context } from '../http';
import { getService } from '../utils/plugin';
import { eraseRequest, evidenceRequest, exportRequest, listRequest, reacceptanceRequest, statsRequest } from './validation/ledger';

/**
 * Compliance officers' routes over the ledger (shared/contracts/ledger), guarded by the read-acceptances,
 * export and erase actions: parse, ask the ledger services, send.
 */
/** Rows of the ledger as a CSV or NDJSON download that no cache keeps. */
function sendRows(ctx: Context, name: string, format: ExportFormat, body: string | Readable) {
  ctx.set('Content-Disposition', `attachment; filename="${name}.${format}"`);
  ctx.set('Cache-Control', 'no-store');
  ctx.type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8';
  ctx.body = body;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ledgerAdmin = () => getService(strapi, 'ledger-admin');

  return {
    async list(ctx: Context) {
      const { filters, page, pageSize } = listRequest(ctx);
      ctx.body = await ledgerAdmin().list(filters, page, pageSize);
    },

    async stats(ctx: Context) {
      ctx.body = await ledgerAdmin().stats(statsRequest(ctx).policy);
    },

    async verify(ctx: Context) {
      const result = await ledgerAdmin().verify();
      // Recorded after the walk, so the verification covers the ledger as it was asked about.
      await getService(strapi, 'ledger').audit('verification', adminOf(ctx), {
        ok: result.ok,
        records: result.count,
        checkpoints: result.log.checkpoints,
      });
      ctx.body = { data: result };
    },

    async export(ctx: Context) {
      const { format, filters } = exportRequest(ctx);
      // Which subject was exported is personal data, and an audit event is never erased: only that one was.
      const { subject, ...rest } = filters;
      await getService(strapi, 'ledger').audit('export', adminOf(ctx), { format, filters: rest, oneSubject: subject !== undefined });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      sendRows(ctx, `acceptances-${stamp}`, format, ledgerAdmin().exportStream(format, filters));
    },

    async reacceptance(ctx: Context) {
      const { policy, version, format } = reacceptanceRequest(ctx);
      const { text } = await ledgerAdmin().reacceptance(policy, version, format);
      await getService(strapi, 'ledger').audit('export', adminOf(ctx), { format, reacceptance: { policy, version } });
      sendRows(ctx, `reacceptance-${policy}-v${version}`, format, text);
    },

    async evidence(ctx: Context) {
      const { subject, format, locale } = evidenceRequest(ctx);
      const document = await getService(strapi, 'evidence-pack').document(subject, format, locale);
      // As with an export, the audit event names no subject: it is never erased.
      await getService(strapi, 'ledger').audit('evidence-pack', adminOf(ctx), { format, ok: document.report.ok });
      // The subject only in ASCII letters, digits, dot, dash and underscore: it is user data, the header is not.
      const name = subject.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 64);
      ctx.set('Content-Disposition', `attachment; filename="evidence-${name}-${document.pack.generatedAt.slice(0, 10)}.${document.extension}"`);
      ctx.set('Cache-Control', 'no-store');
      ctx.type = document.contentType;
      ctx.body = document.body;
    },

    async erase(ctx: Context) {
      const { subject } = eraseRequest(ctx);
      ctx.status = 201;
      ctx.body = await getService(strapi, 'ledger').erase(subject, adminOf(ctx));
    },
  };
};
