// The lower bound of the peer range (>=14.6.1) runs the whole suite too, so the range is tested, not guessed.
import { describeAdapterSuite } from '@bce-errors/adapter-suite';
import gotOldest from 'got-oldest';
import { createGotDriver } from './got-driver.js';

describeAdapterSuite(createGotDriver(gotOldest as unknown as Parameters<typeof createGotDriver>[0], 'got@14.6.1'));
