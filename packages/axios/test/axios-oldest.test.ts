// The lower bound of the peer range (>=1.7.0) runs the whole suite too, so the range is tested, not guessed.
import { describeAdapterSuite } from '@bce-errors/adapter-suite';
import axiosOldest from 'axios-oldest';
import { createAxiosDriver } from './axios-driver.js';

describeAdapterSuite(createAxiosDriver(axiosOldest, 'axios@1.7.0'));
