import { parseVerifierKey } from './note';
import { verifyEvidencePack, type PackReport } from './pack-verify';

/*
 * `policy-versions-verify <evidence.json> [--key <verifier key>]... [--json]`: checks an evidence pack offline,
 * with no Strapi and no network. Exit 0 when it verifies, 1 when it has problems, 2 for usage and I/O errors.
 */

export interface CliWriter {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: CliWriter;
  stderr: CliWriter;
  readFile(path: string): Promise<string | Uint8Array> | string | Uint8Array;
}

const USAGE = `usage: policy-versions-verify <evidence.json> [--key <verifier key>]... [--json]

Verifies a policy-versions evidence pack offline: record hashes and identity digests, inclusion in the signed
checkpoint, consistency with earlier checkpoints, RFC 3161 timestamps, receipt signatures, and the texts.

  --key <verifier key>  a C2SP verifier key (<name>+<key ID>+<base64>) obtained independently of the pack, e.g.
                        from the operator's published keys; repeat for several. Checkpoints and receipts must then
                        be signed by one of them.
  --json                print the report as JSON
  -h, --help            show this help

Exit status: 0 the pack verifies, 1 it has problems, 2 usage or input error.
`;

interface Args {
  file: string;
  keys: string[];
  json: boolean;
}

function parseArgs(argv: string[]): Args | { help: true } | { error: string } {
  const keys: string[] = [];
  const files: string[] = [];
  let json = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { help: true };
    if (arg === '--json') json = true;
    else if (arg === '--key') {
      if (i + 1 >= argv.length) return { error: '--key needs a verifier key' };
      keys.push(argv[(i += 1)]);
    } else if (arg.startsWith('--key=')) keys.push(arg.slice('--key='.length));
    else if (arg.startsWith('-') && arg !== '-') return { error: `unknown option ${arg}` };
    else files.push(arg);
  }
  if (files.length !== 1) return { error: files.length === 0 ? 'no evidence file given' : 'give exactly one evidence file' };
  for (const key of keys) {
    try {
      parseVerifierKey(key);
    } catch (error) {
      return { error: `--key ${JSON.stringify(key.slice(0, 80))}: ${(error as Error).message}` };
    }
  }
  return { file: files[0], keys, json };
}

function list(title: string, items: string[]) {
  return items.length === 0 ? '' : `\n${title}:\n${items.map((item) => `  - ${item}`).join('\n')}\n`;
}

function render(file: string, report: PackReport) {
  return (
    `${file}: ${report.ok ? 'VERIFIED' : 'FAILED'}\n${report.summary}\n` +
    list('Problems', report.problems) +
    list('Established', report.proves) +
    list('Notes', report.notes)
  );
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if ('help' in args) {
    io.stdout.write(USAGE);
    return 0;
  }
  if ('error' in args) {
    io.stderr.write(`policy-versions-verify: ${args.error}\n\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    const content = await io.readFile(args.file);
    text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  } catch (error) {
    io.stderr.write(`policy-versions-verify: cannot read ${args.file}: ${(error as Error).message}\n`);
    return 2;
  }
  let pack: unknown;
  try {
    pack = JSON.parse(text);
  } catch (error) {
    io.stderr.write(`policy-versions-verify: ${args.file} is not JSON: ${(error as Error).message}\n`);
    return 2;
  }
  const report = verifyEvidencePack(pack, args.keys.length > 0 ? { trustedVerifierKeys: args.keys } : {});
  io.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : render(args.file, report));
  return report.ok ? 0 : 1;
}
