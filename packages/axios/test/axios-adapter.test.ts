import { describeAdapterSuite } from '@bce-errors/adapter-suite';
import axios from 'axios';
import { createAxiosDriver } from './axios-driver.js';

describeAdapterSuite(createAxiosDriver(axios, 'axios'));
