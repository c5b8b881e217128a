export { fetchPage, isHtml, type FetchOptions, type FetchResult, type ValidatorStore } from './fetch-page.js';
export { createFetchOptions, type FetchConfig } from './options.js';
export { fetchSettings, parseFetchSettings, fetchSettingsShape, type FetchSettings } from './settings.js';
export { decodeHtml, headerCharset, metaCharset, type DecodedBody } from './charset.js';
export { BlockedAddressError, parseAllowList, nonPublicRange, type AllowList, type LookupFunction } from './address-guard.js';
export { createGuardedDispatcher } from './dispatcher.js';
export { httpGet, type HttpResponse, type GetResult, type UrlGate, type Validators } from './http.js';
export { parseRetryAfter } from './retry-after.js';
