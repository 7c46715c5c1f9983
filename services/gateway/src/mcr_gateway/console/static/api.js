// The REST API, as any integration calls it: bearer token, problem+json errors, page tokens.

import { token } from "./auth.js";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function get(path, params = {}) {
  const query = new URLSearchParams(
    Object.entries(params).filter(([, value]) => value !== "" && value !== undefined),
  );
  const url = query.size ? `${path}?${query}` : path;
  const request = () => fetch(url, { headers: { Authorization: `Bearer ${token()}` } });
  // A read is safe to repeat: once more when the connection dropped under it (a keep-alive
  // connection the server closed as the browser reused it fails with a TypeError).
  const response = await request().catch((error) => {
    if (error instanceof TypeError) return request();
    throw error;
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/** POST a JSON body; the answer's JSON, or an ApiError carrying the problem (field errors in
 * `problem.errors`). `headers` adds e.g. an Idempotency-Key. */
export async function post(path, body = {}, headers = {}) {
  const response = await fetch(path, {
    method: "POST",
    headers: { Authorization: `Bearer ${token()}`, "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, answer);
  return answer;
}

/** PATCH, PUT or DELETE: `ifMatch` is the etag the caller read (a stale one answers 412). */
export async function send(method, path, body, { ifMatch = "", headers = {} } = {}) {
  const response = await fetch(path, {
    method,
    headers: {
      Authorization: `Bearer ${token()}`,
      "Content-Type": "application/json",
      ...(ifMatch ? { "If-Match": `"${ifMatch}"` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, answer);
  return answer;
}

/** Every item of a paged collection (`key` is the list field), up to `limit` items. */
export async function listAll(path, key, params = {}, limit = 5000) {
  const items = [];
  let pageToken = "";
  do {
    const page = await get(path, { ...params, page_size: 1000, page_token: pageToken });
    items.push(...(page[key] || []));
    pageToken = page.next_page_token || "";
  } while (pageToken && items.length < limit);
  return items;
}

/** The value, or `fallback` when the resource is missing (404) or its service is down (5xx). */
export async function optional(promise, fallback = null) {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status >= 500)) return fallback;
    throw error;
  }
}

/** Run `task` over `items` with at most `width` in flight. */
export async function mapLimited(items, width, task) {
  const results = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}
