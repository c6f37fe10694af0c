// got 16.1.0, the newest 16, runs the whole suite: the peer range (>=14.6.1 <17) is tested at each major's both ends.
import { describeAdapterSuite } from '@bce-errors/adapter-suite';
import { describe, it } from 'vitest';
import { createGotDriver } from './got-driver.js';
import { loadNewerGot, newerGotTitle } from './newer-got.js';

const gotModule = await loadNewerGot(() => import('got-16'));

describe.skipIf(gotModule === undefined)(newerGotTitle('got@16.1.0'), () => {
  // Skipped as a whole on Node < 22; the one placeholder keeps the skip (and its reason) in the report.
  if (gotModule === undefined) it('runs on Node >= 22 only', () => undefined);
  else describeAdapterSuite(createGotDriver(gotModule, 'got@16.1.0'));
});
