import { describeAdapterSuite } from '@bce-errors/adapter-suite';
import got from 'got';
import { createGotDriver } from './got-driver.js';

describeAdapterSuite(createGotDriver(got, 'got'));
