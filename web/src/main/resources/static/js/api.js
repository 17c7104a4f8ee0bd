// The API through this origin's gateway, with the signed-in person's bearer token. The server decides every
// command; a refusal arrives as RFC 9457 problem+json whose stable `code` the page turns into a readable message.
import { session, signOut } from './session.js';

export class ApiError extends Error {
  constructor(status, code, detail, retryAfter = null) {
    // without a problem code (an answer that is no problem+json), the status says what the page can tell
    const known = code || (status >= 500 ? 'SERVICE_UNAVAILABLE' : `HTTP_${status}`);
    super(known);
    this.status = status;
    this.retryAfter = retryAfter;
    this.code = known;
    this.detail = detail;
  }
}

function headers(extra = {}) {
  const token = session()?.token;
  return token ? { Authorization: `Bearer ${token}`, ...extra } : { ...extra };
}

async function failure(response) {
  if (response.status === 401) {
    signOut('expired');
    throw new ApiError(401, 'UNAUTHENTICATED');
  }
  let code; let detail;
  try {
    const problem = await response.json();
    code = problem.code; detail = problem.detail;
  } catch { /* not JSON: the status says enough */ }
  const retryAfter = Number(response.headers.get('Retry-After')) || null;
  throw new ApiError(response.status, code, detail, retryAfter);
}

/** GET JSON; with minPosition, the view answers once it reflects that position (read-your-writes). */
export async function read(path, minPosition) {
  const url = minPosition ? `${path}${path.includes('?') ? '&' : '?'}minPosition=${minPosition}` : path;
  const response = await fetch(url, { headers: headers({ Accept: 'application/json' }) });
  if (!response.ok) await failure(response);
  return response.json();
}

/** GET a file (export, document) as a Blob, with the file name the server gave. */
export async function download(path, accept = '*/*') {
  const response = await fetch(path, { headers: headers({ Accept: accept }) });
  if (!response.ok) await failure(response);
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="?([^";]+)"?/.exec(disposition);
  return { blob: await response.blob(), fileName: match ? match[1] : null };
}

/** POST a command (JSON body or FormData) with a fresh Idempotency-Key; answers the receipt (with `position`). */
export async function command(path, body, extraHeaders = {}) {
  const init = { method: 'POST', headers: headers({ Accept: 'application/json', 'Idempotency-Key': crypto.randomUUID(), ...extraHeaders }) };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, init);
  if (!response.ok) await failure(response);
  const text = await response.text();
  return text ? JSON.parse(text) : {};
}

/**
 * A live view: reads the Server-Sent Events of `path` with fetch (EventSource cannot send the bearer token), calls
 * onState(data, id) for every state, and after a dropped connection reconnects with Last-Event-ID so only newer
 * states follow. onError(err) hears refusals. Returns a function that stops the stream.
 */
export function live(path, onState, onError = () => {}, onConnection = () => {}) {
  const controller = new AbortController();
  let lastEventId = null;
  let delay = 500;
  let stopped = false;

  async function connect() {
    while (!stopped) {
      try {
        const extra = { Accept: 'text/event-stream' };
        if (lastEventId) extra['Last-Event-ID'] = lastEventId;
        const response = await fetch(path, { headers: headers(extra), signal: controller.signal, cache: 'no-store' });
        if (!response.ok) {
          await failure(response);
        }
        onConnection(true);
        delay = 500;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n?/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = parse(block);
            if (event.id !== undefined) lastEventId = event.id;
            if (event.data !== undefined) {
              try { onState(JSON.parse(event.data), event.id, event.event); } catch (e) { console.error(e); }
            }
          }
        }
      } catch (e) {
        if (stopped || controller.signal.aborted) return; // stopped by the page; anything else is a dropped connection
        // a refusal ends the stream; "not now" (503, or 429 TOO_MANY_STREAMS while this person's other tabs hold
        // their streams) is retried, not sooner than the service's Retry-After
        if (e instanceof ApiError && e.status !== 503 && e.status !== 429 && e.status < 500) { onError(e); return; }
        if (e instanceof ApiError && e.retryAfter) delay = Math.max(delay, e.retryAfter * 1000);
      }
      onConnection(false);
      if (stopped) return;
      await new Promise(resolve => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10000);
    }
  }

  connect();
  return () => { stopped = true; controller.abort(); };
}

function parse(block) {
  const event = {};
  const data = [];
  for (const line of block.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'id') event.id = value;
    else if (field === 'event') event.event = value;
  }
  if (data.length) event.data = data.join('\n');
  return event;
}

/** A request whose answer the caller reads itself (checkpoints, checks); 401 still leads to the sign-in page. */
export async function send(path, init = {}) {
  const response = await fetch(path, { ...init, headers: headers(init.headers || {}) });
  if (response.status === 401) await failure(response);
  return response;
}
