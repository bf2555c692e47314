import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Delivery {
  header: string | undefined;
  body: any;
}

/** A local HTTP receiver for Strapi's webhook deliveries. */
export async function startSink() {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({ header: req.headers['x-strapi-event'] as string | undefined, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      // No keep-alive: a delivery on a pooled socket the sink is just closing would fail, and Strapi drops it unlogged.
      res.writeHead(204, { connection: 'close' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const of = (event: string, version?: number) =>
    deliveries.filter((delivery) => delivery.body.event === event && (version === undefined || delivery.body.policyVersion?.version === version));
  return {
    url: `http://127.0.0.1:${port}/hook`,
    deliveries,
    of,
    /** Waits for `count` deliveries of `event` (of `version`), up to `ms`. */
    async waitFor(event: string, version: number | undefined, ms: number, count = 1) {
      const until = Date.now() + ms;
      while (of(event, version).length < count) {
        if (Date.now() > until) throw new Error(`no ${event}${version === undefined ? '' : ` of version ${version}`} within ${ms} ms: ${JSON.stringify(deliveries.map((d) => d.body.event))}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return of(event, version);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
