'use strict';

/**
 * The ceiling: Node's own http server answering every request with the same bytes, in a child process so it
 * gets a core of its own as Strapi does. Run as a script it is that child; required, it starts and stops one.
 */
const { fork } = require('node:child_process');
const http = require('node:http');

/** Serves `body` (a Buffer) with `contentType` on a free loopback port; resolves with its URL, pid and stop(). */
function startBareServer(body, contentType) {
  const child = fork(__filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code} before listening`)));
    child.once('message', ({ port }) =>
      resolve({
        url: `http://127.0.0.1:${port}/`,
        pid: child.pid,
        async stop() {
          child.kill();
          await exited;
        },
      })
    );
    child.send({ body: body.toString('base64'), contentType });
  });
}

if (require.main === module) {
  process.once('message', ({ body, contentType }) => {
    const bytes = Buffer.from(body, 'base64');
    const server = http.createServer((request, response) => {
      response.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length });
      response.end(bytes);
    });
    server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  });
}

module.exports = { startBareServer };
