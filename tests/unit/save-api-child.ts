/**
 * The save API in a process of its own, for the test that kills it mid-save (SIGKILL): serves
 * the episodes folder RED_BOX_EPISODES_DIR on a loopback port and prints `listening on <port>`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSaveApiHandler } from '../../src/server/save-api.ts';

const episodesDir = process.env.RED_BOX_EPISODES_DIR;
if (!episodesDir) throw new Error('[red-box] set RED_BOX_EPISODES_DIR');
const handler = createSaveApiHandler({ episodesDir });
const server = createServer((req, res) =>
  handler(req, res, () => {
    res.statusCode = 404;
    res.end('not the API');
  }),
);
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on ${(server.address() as AddressInfo).port}`);
});
