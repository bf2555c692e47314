import diff from './diff';
import evidencePack from './evidence-pack';
import importer from './importer';
import ledger from './ledger';
import ledgerAdmin from './ledger-admin';
import policies from './policies';
import reader from './reader';
import signing from './signing';
import timeline from './timeline';
import transparencyLog from './transparency-log';
import versions from './versions';
import webhooks from './webhooks';
import withdrawals from './withdrawals';

export default { diff, 'evidence-pack': evidencePack, importer, ledger, 'ledger-admin': ledgerAdmin, policies, reader, signing, timeline, 'transparency-log': transparencyLog, versions, webhooks, withdrawals };
