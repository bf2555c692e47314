import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs the system's openssl with arguments (never a shell string); rejects with its stderr. */
export async function openssl(args: string[], cwd?: string): Promise<string> {
  try {
    const { stdout } = await run('openssl', args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`openssl ${args.join(' ')} failed: ${stderr || message}`);
  }
}

export interface Tsa {
  url: string;
  /** The self-signed root that issued the TSA certificate. */
  caPem: string;
  tsaCertPem: string;
  /** The temp directory holding the keys, certificates and openssl config (removed by close()). */
  dir: string;
  /** How many timestamp queries reached openssl. */
  readonly requests: number;
  /** Answer every request with this HTTP status instead of a reply (an unavailable TSA); null to recover. */
  setFailing(status: number | null): void;
  close(): Promise<void>;
}

/** A self-signed EC P-256 CA in `dir` (ca.key, ca.pem), for the TSA or for an unrelated root in tests. */
export async function makeCa(dir: string, name = 'Test TSA Root'): Promise<string> {
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'], dir);
  await openssl(
    [
      'req', '-x509', '-new', '-key', 'ca.key', '-sha256', '-days', '2', '-subj', `/CN=${name}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
      '-out', 'ca.pem',
    ],
    dir
  );
  return fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8');
}

// The [tsa] section openssl ts -reply reads; the signer certificate carries the chain and ESSCertIDv2 (sha256).
const CONFIG = `
[ tsa ]
default_tsa = tsa_config

[ tsa_config ]
dir = .
serial = ./tsaserial
crypto_device = builtin
signer_cert = ./tsa.pem
certs = ./ca.pem
signer_key = ./tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5
digests = sha256, sha384, sha512
accuracy = secs:1, millisecs:500
clock_precision_digits = 0
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256

[ tsa_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

/**
 * A real RFC 3161 timestamp authority on 127.0.0.1 for tests: `openssl ts -reply` behind a node HTTP server.
 * Keys and certificates are generated once per call, in a fresh temp directory; the TSA key is EC P-256 unless
 * `key: 'rsa'` asks for RSA 2048.
 */
export async function startTsa(options: { key?: 'ec' | 'rsa' } = {}): Promise<Tsa> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsa-'));
  const caPem = await makeCa(dir);
  fs.writeFileSync(path.join(dir, 'openssl.cnf'), CONFIG);
  fs.writeFileSync(path.join(dir, 'tsaserial'), '01\n');
  if (options.key === 'rsa')
    await openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'tsa.key'], dir);
  else await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'tsa.key'], dir);
  await openssl(['req', '-new', '-key', 'tsa.key', '-subj', '/CN=Test TSA', '-out', 'tsa.csr'], dir);
  await openssl(
    [
      'x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1',
      '-sha256', '-extfile', 'openssl.cnf', '-extensions', 'tsa_ext', '-out', 'tsa.pem',
    ],
    dir
  );
  const tsaCertPem = fs.readFileSync(path.join(dir, 'tsa.pem'), 'utf8');

  let requests = 0;
  let failing: number | null = null;
  let next = 0;

  const reply = async (query: Buffer): Promise<Buffer> => {
    // One file pair per request: openssl reads and writes files, and requests may overlap.
    const id = `${process.pid}-${next++}`;
    const queryFile = path.join(dir, `q-${id}.tsq`);
    const replyFile = path.join(dir, `r-${id}.tsr`);
    fs.writeFileSync(queryFile, query);
    try {
      await openssl(['ts', '-reply', '-config', 'openssl.cnf', '-queryfile', queryFile, '-out', replyFile], dir);
      return fs.readFileSync(replyFile);
    } finally {
      fs.rmSync(queryFile, { force: true });
      fs.rmSync(replyFile, { force: true });
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (failing !== null) {
        res.writeHead(failing).end();
        return;
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      const body = Buffer.concat(chunks);
      if (req.method !== 'POST' || type !== 'application/timestamp-query' || body.length === 0) {
        res.writeHead(400, { 'Content-Type': 'text/plain' }).end('expected a POST of application/timestamp-query');
        return;
      }
      requests++;
      reply(body).then(
        (der) => res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(der),
        // openssl answers most bad queries with a rejection reply; a failure here is a query it cannot read.
        (error: Error) => res.writeHead(400, { 'Content-Type': 'text/plain' }).end(error.message)
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    caPem,
    tsaCertPem,
    dir,
    get requests() {
      return requests;
    },
    setFailing(status) {
      failing = status;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
