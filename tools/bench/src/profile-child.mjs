// @ts-check
// Child of profile.mjs (run under --cpu-prof): sends `count` requests through one client variant to the server.
// argv: <serverUrl> <adapter> <success|error> <variant> <count>, the variant any of src/clients.mjs for that path
// (bare, handwritten, adapter, java, python, goWithoutRequestId, or a peer such as ky).
import { createClients } from './clients.mjs';

const [serverUrl, name, path, variant, countText] = process.argv.slice(2);
if (
  serverUrl === undefined ||
  name === undefined ||
  (path !== 'success' && path !== 'error') ||
  variant === undefined
) {
  throw new Error('usage: node profile-child.mjs <serverUrl> <adapter> <success|error> <variant> <count>');
}
const count = Number(countText);
const clients = createClients(name, serverUrl, 8);
await clients.check();
const send = /** @type {Record<string, import('./clients.mjs').Send | undefined>} */ (clients[path])[variant];
if (send === undefined) {
  throw new Error(
    `no variant ${variant} for ${name} on the ${path} path; known: ${Object.keys(clients[path]).join(', ')}`,
  );
}
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
