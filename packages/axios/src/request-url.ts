import { readProperty } from '@bce-errors/core/adapter';
import type { AxiosInstance, AxiosRequestConfig, InternalAxiosRequestConfig } from 'axios';

type UriBuilder = Pick<AxiosInstance, 'getUri'>;

/**
 * An instance of the caller's axios with no defaults at all, whose `getUri` therefore builds the URL from the
 * config alone; `undefined` when the instance has no working `create` (a `new Axios()`).
 */
function uriBuilderOf(instance: AxiosInstance): UriBuilder | undefined {
  try {
    const create = readProperty(instance, 'create');
    if (typeof create !== 'function') return undefined;
    // A new instance with its own copy of the defaults: emptying that copy leaves the caller's instance alone.
    const created = (create as () => unknown).call(instance);
    const defaults = readProperty(created, 'defaults');
    if (typeof readProperty(created, 'getUri') !== 'function' || typeof defaults !== 'object' || defaults === null)
      return undefined;
    for (const key of Object.keys(defaults)) Reflect.deleteProperty(defaults, key);
    return created as UriBuilder;
  } catch {
    return undefined;
  }
}

/**
 * A function giving the URL axios sent a dispatched request to, base URL and `params` included, as the instance's
 * `getUri` builds it. `getUri` of the dispatched config itself would merge the instance defaults into it once more
 * (deep copies of the headers and every default, ~30 µs per failed request), though axios merged them in already
 * at dispatch: only the parts of the URL go through axios, on an instance without defaults.
 */
export function createRequestUrlOf(
  instance: AxiosInstance,
): (config: InternalAxiosRequestConfig | undefined) => string | undefined {
  let builder: UriBuilder | undefined;
  let looked = false;
  return (config) => {
    if (config === undefined) return undefined;
    const { url, baseURL, paramsSerializer, allowAbsoluteUrls } = config;
    const params: unknown = config.params;
    // getUri is buildURL(buildFullPath(baseURL, url), params), each of which hands `url` back as it is without
    // its part: no base URL and no params, no work.
    if (!baseURL && !params) return url;
    if (!looked) {
      looked = true;
      builder = uriBuilderOf(instance);
    }
    // What getUri reads of a config; the rest of a dispatched config only makes axios' merge slower.
    const parts: AxiosRequestConfig = { url, baseURL };
    if (params !== undefined) parts.params = params;
    if (paramsSerializer !== undefined) parts.paramsSerializer = paramsSerializer;
    if (allowAbsoluteUrls !== undefined) parts.allowAbsoluteUrls = allowAbsoluteUrls;
    try {
      return (builder ?? instance).getUri(parts);
    } catch {
      // A custom params serializer that throws: the URL without its params.
      return typeof url === 'string' ? url : undefined;
    }
  };
}
