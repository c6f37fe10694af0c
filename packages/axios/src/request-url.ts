import { readProperty } from '@bce-errors/core/adapter';
import type { AxiosInstance, InternalAxiosRequestConfig } from 'axios';

type UriBuilder = Pick<AxiosInstance, 'getUri'>;

/**
 * `created` (a new instance of the caller's axios, with its own copy of the defaults) with no defaults at all, so
 * that its `getUri` builds the URL from the config alone; `undefined` if it is not such an instance.
 */
function withoutDefaults(created: unknown): UriBuilder | undefined {
  const defaults = readProperty(created, 'defaults');
  if (typeof readProperty(created, 'getUri') !== 'function' || typeof defaults !== 'object' || defaults === null)
    return undefined;
  // The copy's, not the caller's: their instance keeps its defaults.
  for (const key of Object.keys(defaults)) Reflect.deleteProperty(defaults, key);
  return created as UriBuilder;
}

/**
 * A function giving the URL axios sent a dispatched request to, base URL and `params` included, as the instance's
 * `getUri` builds it. `getUri` of the dispatched config itself would merge the instance defaults into it once more
 * (deep copies of the headers and every default, ~30 µs per failed request), though axios merged them in already
 * at dispatch: only the parts of the URL go through axios, on an instance without defaults (the caller's own
 * instance when it has no `create`, as a `new Axios()`).
 */
export function createRequestUrlOf(
  instance: AxiosInstance,
): (config: InternalAxiosRequestConfig | undefined) => string | undefined {
  let builder: UriBuilder | undefined;
  return (config) => {
    if (config === undefined) return undefined;
    const { url, baseURL } = config;
    const params: unknown = config.params;
    // getUri is buildURL(buildFullPath(baseURL, url), params), each of which hands `url` back as it is without
    // its part: no base URL and no params, no work.
    if (!baseURL && !params) return url;
    try {
      const create = readProperty(instance, 'create');
      builder ??= (typeof create === 'function' ? withoutDefaults(create.call(instance)) : undefined) ?? instance;
      // What getUri reads of a config; the rest of a dispatched config only makes axios' merge slower.
      const { paramsSerializer, allowAbsoluteUrls } = config;
      return builder.getUri({ url, baseURL, params, paramsSerializer, allowAbsoluteUrls });
    } catch {
      // A custom params serializer that throws: the URL without its params.
      return typeof url === 'string' ? url : undefined;
    }
  };
}
