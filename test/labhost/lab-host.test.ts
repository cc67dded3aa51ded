// The loopback lab host: the same API as the preload bridge, over HTTP, and refusing everyone but the page it served.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apiEventSchema, apiResultSchema, type ApiEvent } from '../../electron/common/api/contract.js';
import { hostHeaders, isLoopback, refusal, startLabHost, type LabHost } from '../../electron/labhost/server.js';
import { newLab } from '../helpers/lab.js';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  host: LabHost,
  pathName: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: pathName,
        method: init.method ?? 'GET',
        headers: { Host: `127.0.0.1:${host.port}`, ...init.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** A POST to /api/invoke with the token and a JSON Content-Type (unless `headers` say otherwise). */
const post = (host: LabHost, body: string, headers: Record<string, string> = {}) =>
  request(host, '/api/invoke', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-MSA-Token': host.token, ...headers },
    body,
  });

/** Sends raw HTTP (what http.request won't: two Host headers) and returns everything the host answered. */
function rawExchange(host: LabHost, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(host.port, '127.0.0.1', () => socket.end(text));
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (reply += chunk));
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
  });
}

const invoke = (host: LabHost, method: string, headers: Record<string, string> = {}) =>
  request(host, '/api/invoke', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-MSA-Token': host.token, ...headers },
    body: JSON.stringify({ method, input: {} }),
  });

describe('loopback lab host', () => {
  let host: LabHost;
  before(async () => {
    const rendererDir = mkdtempSync(path.join(tmpdir(), 'msa-renderer-'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>MSA Wizard</title>');
    host = await startLabHost({ labDir: newLab('healthy'), rendererDir });
  });
  after(() => host.close());

  it('listens on 127.0.0.1 and hands out a URL with the token in the fragment', () => {
    assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
  });

  it('serves the renderer with the strict CSP, and nothing outside its folder', async () => {
    const page = await request(host, '/');
    assert.equal(page.status, 200);
    assert.match(page.body, /MSA Wizard/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.doesNotMatch(String(page.headers['content-security-policy']), /unsafe-eval/);
    assert.equal((await request(host, '/%2e%2e/%2e%2e/package.json')).status, 404);
    assert.equal((await request(host, '/nope.js')).status, 404);
  });

  it('answers API calls that carry the token, in the contract shape', async () => {
    const reply = await invoke(host, 'app.info');
    assert.equal(reply.status, 200);
    const result = apiResultSchema.parse(JSON.parse(reply.body));
    assert.ok(result.ok);
    assert.deepEqual((result.value as { mode: string; transport: string }).mode, 'practice');
    assert.deepEqual((result.value as { mode: string; transport: string }).transport, 'lab-host');
  });

  it('refuses a call without the token, with a wrong token, or from a foreign origin', async () => {
    const noToken = await request(host, '/api/invoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'app.info', input: {} }),
    });
    assert.equal(noToken.status, 401);
    assert.equal((await invoke(host, 'app.info', { 'X-MSA-Token': 'a'.repeat(64) })).status, 401);
    assert.equal((await invoke(host, 'app.info', { Origin: 'https://evil.example' })).status, 403);
    const events = await request(host, '/api/events?token=wrong');
    assert.equal(events.status, 401);
  });

  it('refuses a wrong Host header (DNS rebinding)', async () => {
    assert.equal((await request(host, '/', { headers: { Host: `evil.example:${host.port}` } })).status, 421);
    assert.equal((await invoke(host, 'app.info', { Host: `attacker.test:${host.port}` })).status, 421);
  });

  it('refuses a second Host header, whichever comes first', async () => {
    const own = `127.0.0.1:${host.port}`;
    for (const [first, second] of [
      [own, 'evil.example'],
      ['evil.example', own],
      [own, own],
    ]) {
      const reply = await rawExchange(
        host,
        `GET / HTTP/1.1\r\nHost: ${first}\r\nHost: ${second}\r\nConnection: close\r\n\r\n`,
      );
      assert.match(reply, /^HTTP\/1\.1 400 /);
      assert.match(reply, /\r\none Host header only\r\n/);
    }
    assert.deepEqual(hostHeaders(['Host', 'a', 'X-Host', 'b', 'HOST', 'c']), ['a', 'c']);
  });

  it('refuses non-loopback peers before reading anything', () => {
    assert.equal(refusal('192.0.2.10', [`127.0.0.1:8080`], 8080), 403);
    assert.equal(refusal('::ffff:198.51.100.7', [`127.0.0.1:8080`], 8080), 403);
    assert.equal(refusal('127.0.0.1', [`127.0.0.1:8080`], 8080), null);
    assert.equal(refusal('::1', [`localhost:8080`], 8080), null);
    assert.equal(refusal('127.0.0.1', [`127.0.0.1:9999`], 8080), 421);
    assert.equal(refusal('127.0.0.1', [], 8080), 421);
    assert.ok(isLoopback('::ffff:127.0.0.1') && !isLoopback('10.0.0.1') && !isLoopback(undefined));
  });

  it('takes only application/json, in UTF-8 if a charset is named', async () => {
    const withType = (type: string) =>
      post(host, JSON.stringify({ method: 'app.info', input: {} }), { 'Content-Type': type });
    for (const type of ['application/json', 'Application/JSON', 'application/json; charset=utf-8']) {
      assert.equal((await withType(type)).status, 200, type);
    }
    for (const type of [
      'application/jsonp',
      'application/json-patch+json',
      'application/json; charset=latin1',
      'application/json; boundary=x',
      'text/plain',
      'text/plain; a=application/json',
    ]) {
      const reply = await withType(type);
      assert.deepEqual([reply.status, reply.body], [415, 'application/json only'], type);
    }
  });

  it('answers a body that is not one JSON object with 400, not 500', async () => {
    for (const body of ['null', '[]', '42', '"app.info"', 'true', '{"method":', '']) {
      const reply = await post(host, body);
      assert.equal(reply.status, 400, body);
      assert.match(
        reply.body,
        body === '{"method":' || body === '' ? /^bad JSON body$/ : /^body must be a JSON object$/,
      );
    }
  });

  it('answers a body over 1 MiB with 413 and closes the connection, however it is sent', async () => {
    const over = JSON.stringify({ method: 'app.info', input: { pad: 'x'.repeat(1024 * 1024) } });
    const told = await post(host, over); // Content-Length says too much: refused before reading
    const counted = await post(host, over, { 'Transfer-Encoding': 'chunked' }); // no length: counted as it comes
    const huge = await post(host, 'x'.repeat(50 * 1024 * 1024));
    for (const reply of [told, counted, huge]) {
      assert.equal(reply.status, 413);
      assert.equal(reply.body, 'body over 1 MiB');
      assert.equal(reply.headers.connection, 'close');
    }
    const justUnder = JSON.stringify({ method: 'app.info', input: {} }).padEnd(1024 * 1024, ' ');
    assert.equal((await post(host, justUnder)).status, 200);
    assert.equal((await invoke(host, 'app.info')).status, 200, 'the host still answers');
  });

  it('validates the boundary: unknown methods and unexpected input are errors, not calls', async () => {
    const unknown = apiResultSchema.parse(JSON.parse((await invoke(host, 'powershell.run')).body));
    assert.equal(unknown.ok, false);
    const bad = await request(host, '/api/invoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-MSA-Token': host.token },
      body: JSON.stringify({ method: 'app.info', input: { script: 'Remove-ADUser x' } }),
    });
    const parsed = apiResultSchema.parse(JSON.parse(bad.body));
    assert.equal(parsed.ok, false);
    assert.equal(!parsed.ok && parsed.error.kind, 'BadInput');
  });

  it('streams run events to the page while an operation runs', async () => {
    const received: ApiEvent[] = [];
    const stream = http.get({
      host: '127.0.0.1',
      port: host.port,
      path: `/api/events?token=${host.token}`,
      headers: { Host: `127.0.0.1:${host.port}` },
    });
    const response = await new Promise<http.IncomingMessage>((resolve) => stream.on('response', resolve));
    response.setEncoding('utf8');
    let buffer = '';
    response.on('data', (chunk: string) => {
      buffer += chunk;
      for (const block of buffer.split('\n\n').slice(0, -1)) {
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data !== undefined) received.push(apiEventSchema.parse(JSON.parse(data.slice(6))));
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
    });
    const probe = apiResultSchema.parse(JSON.parse((await invoke(host, 'environment.probe')).body));
    // The events travel on their own connection: wait for the last one rather than racing it.
    for (let waited = 0; !received.some((e) => e.type === 'run-finished') && waited < 5000; waited += 20) {
      await new Promise((r) => setTimeout(r, 20));
    }
    stream.destroy();
    assert.ok(probe.ok, JSON.stringify(probe));
    assert.equal((probe.value as { computer: string }).computer, 'WEB01');
    const types = received.map((e) => e.type);
    assert.equal(types[0], 'run-started');
    assert.equal(types.at(-1), 'run-finished');
    assert.match((received[0] as { script: string }).script, /whoami/);
  });
});
