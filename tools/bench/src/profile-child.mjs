// @ts-check
// Child of profile.mjs (run under --cpu-prof): sends `count` requests through one client variant to the server.
// argv: <serverUrl> <adapter> <success|error> <bare|adapter> <count>
import { createClients } from './clients.mjs';

const [serverUrl, name, path, variant, countText] = process.argv.slice(2);
if (
  serverUrl === undefined ||
  name === undefined ||
  (path !== 'success' && path !== 'error') ||
  (variant !== 'bare' && variant !== 'adapter')
) {
  throw new Error('usage: node profile-child.mjs <serverUrl> <adapter> <success|error> <bare|adapter> <count>');
}
const count = Number(countText);
const clients = createClients(name, serverUrl, 8);
await clients.check();
const send = clients[path][variant];
let started = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (started < count) {
      started += 1;
      await send();
    }
  }),
);
clients.close();
