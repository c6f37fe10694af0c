// @ts-check
// The bodies the benchmark server sends and the in-process benchmarks parse.

export const SUCCESS_BODY = Buffer.from(
  JSON.stringify({
    bucket: 'bench-bucket',
    key: 'objects/2024/report.json',
    size: 48213,
    eTag: 'd41d8cd98f00b204e9800998ecf8427e',
    lastModified: '2024-05-01T08:00:00Z',
    storageClass: 'STANDARD',
  }),
);
export const ERROR_REQUEST_ID = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
export const ERROR_BODY = Buffer.from(
  JSON.stringify({ code: 'NoSuchKey', message: 'The specified key does not exist.', requestId: ERROR_REQUEST_ID }),
);
