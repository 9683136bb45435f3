// Calls to the gateway's REST API (the protobuf JSON mapping of the public
// gRPC API): the bearer token, query strings, and errors in the shape of
// google.rpc.Status.

const TOKEN_KEY = 'rapporteur.token';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

// A failed call: the HTTP status, the canonical code name (NOT_FOUND...)
// and the service's message.
export class ApiError extends Error {
  constructor(httpStatus, status, message, details = []) {
    super(message);
    this.httpStatus = httpStatus;
    this.status = status;
    this.details = details;
  }
}

// `v1/search?query=...`: arrays repeat their key, empty values are left
// out. Paths are relative, so the console works under any prefix the
// gateway is served at.
export function url(path, params = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null || item === '' ||
          item === false || item === 0) {
        continue;
      }
      search.append(key, String(item));
    }
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

function headers(extra = {}) {
  const result = {Accept: 'application/json', ...extra};
  const bearer = token();
  if (bearer) result.Authorization = `Bearer ${bearer}`;
  return result;
}

async function parse(response) {
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = null;
  }
  if (response.ok && body !== null) return body;
  const error = body && body.error ? body.error : {};
  throw new ApiError(response.status, error.status || response.statusText,
    error.message || text || `HTTP ${response.status}`, error.details || []);
}

export async function get(path, params) {
  let response;
  try {
    response = await fetch(url(path, params), {headers: headers()});
  } catch (error) {
    throw new ApiError(0, 'UNAVAILABLE', `The gateway did not answer: ${error.message}`);
  }
  return parse(response);
}

export async function post(path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: headers({'Content-Type': 'application/json'}),
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'UNAVAILABLE', `The gateway did not answer: ${error.message}`);
  }
  return parse(response);
}

// Every hit of a search, read line by line from `v1/search:stream`
// (NDJSON: `{"result":{"hit":{...}}}` per hit, `{"error":{...}}` when the
// stream fails); `onHit` is called for each.
export async function streamSearch(params, onHit) {
  let response;
  try {
    response = await fetch(url('v1/search:stream', params), {headers: headers()});
  } catch (error) {
    throw new ApiError(0, 'UNAVAILABLE', `The gateway did not answer: ${error.message}`);
  }
  if (!response.ok) await parse(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const line = (text) => {
    if (!text.trim()) return;
    const message = JSON.parse(text);
    if (message.error) {
      throw new ApiError(response.status, message.error.status, message.error.message);
    }
    if (message.result && message.result.hit) onHit(message.result.hit);
  };
  for (;;) {
    const {value, done} = await reader.read();
    if (done) break;
    buffer += value;
    const lines = buffer.split('\n');
    buffer = lines.pop();
    lines.forEach(line);
  }
  line(buffer);
}

// Every record of a List call, page after page (CSV exports, charts), at
// most `limit` of them.
export async function listAll(path, field, params, limit = 10000) {
  const records = [];
  let pageToken = '';
  do {
    const page = await get(path, {...params, pageSize: 1000, pageToken});
    records.push(...(page[field] || []));
    pageToken = page.nextPageToken || '';
  } while (pageToken && records.length < limit);
  return records;
}

// The id of the document with a UN symbol, as the services derive it
// (lib/schema/resource_names.cc, DocumentIdFromSymbol): lower-cased, every
// run of other characters one hyphen. Used only to probe whether a cited
// symbol's document is stored; ids longer than 128 characters are
// fingerprinted there, so those are never probed.
export function documentIdFromSymbol(symbol) {
  const id = String(symbol).toLowerCase().split(/[^a-z0-9]+/)
    .filter((part) => part).join('-');
  return id.length <= 128 ? id : '';
}

// Whether documents/{id} is stored (cached per page load): a summary is
// asked for, and NOT_FOUND means no.
const stored = new Map();
export function isStored(documentName) {
  if (!stored.has(documentName)) {
    stored.set(documentName,
      get(`v1/${documentName}`, {summaryOnly: true}).then(() => true, () => false));
  }
  return stored.get(documentName);
}
