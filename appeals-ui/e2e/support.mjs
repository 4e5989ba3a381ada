// Support for the browser tests: tokens and API calls for setting up data, a browser per user that signs
// in through Keycloak's real login form, screenshots, and waiting.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const APP = (process.env.ARBITER_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
export const KEYCLOAK = (process.env.ARBITER_KEYCLOAK_URL ?? 'http://127.0.0.1:8180').replace(/\/$/, '');
export const SHOTS = resolve(process.env.ARBITER_SCREENSHOTS ?? resolve(import.meta.dirname, '../target/screenshots'));
mkdirSync(SHOTS, { recursive: true });

const TOKEN_URL = `${KEYCLOAK}/realms/arbiter/protocol/openid-connect/token`;

/** A user's access token through the realm's test-only password-grant client (set-up and API checks only). */
export async function userToken(username) {
  const response = await fetch(TOKEN_URL, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'arbiter-e2e',
      client_secret: 'arbiter-e2e-local-secret',
      username,
      password: `${username}-pass`,
    }),
  });
  if (!response.ok) throw new Error(`token for ${username}: ${response.status} ${await response.text()}`);
  return (await response.json()).access_token;
}

export async function platformToken() {
  const response = await fetch(TOKEN_URL, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'platform-demo', client_secret: 'platform-demo-local-secret' }),
  });
  if (!response.ok) throw new Error(`platform token: ${response.status}`);
  return (await response.json()).access_token;
}

export async function api(method, path, token, body) {
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  let payload = body;
  if (body !== undefined && !(body instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(`${APP}${path}`, { method, headers, body: payload });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

/** The subject (Keycloak user id) inside a token. */
export function subjectOf(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;
}

/** Submits content as the demo platform; reported by a trusted flagger, so it waits for a human. */
export async function submitContent({ authorId, text, image }) {
  const token = await platformToken();
  const submission = {
    externalId: `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
    authorId,
    surface: 'public_post',
    locale: 'en',
    text,
    reporterType: 'trusted_flagger',
  };
  let reply;
  if (image) {
    const form = new FormData();
    form.append('submission', new Blob([JSON.stringify(submission)], { type: 'application/json' }));
    form.append('files', new Blob([image.bytes], { type: image.type }), image.name);
    reply = await api('POST', '/api/v1/content', token, form);
  } else {
    reply = await api('POST', '/api/v1/content', token, submission);
  }
  if (reply.status >= 300) throw new Error(`submit: ${reply.status} ${JSON.stringify(reply.json)}`);
  return reply.json;
}

export async function until(what, probe, timeoutMs = 60_000, everyMs = 1000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let browser;
export async function launch() {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  return browser;
}

export async function closeBrowser() {
  await browser?.close();
}

/** A fresh browser context (its own Keycloak session) signed in as the user through the login form. */
export async function signIn(username, path = '/', viewport = { width: 1280, height: 860 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${APP}${path}`);
  await page.waitForSelector('#username', { timeout: 30_000 });
  await page.fill('#username', username);
  await page.fill('#password', `${username}-pass`);
  await page.click('#kc-login');
  await page.getByTestId('username').waitFor({ timeout: 30_000 });
  return { context, page };
}

export async function shot(page, name) {
  await page.waitForTimeout(250);
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });
}

/** A small PNG (a red square with a white bar), so the blur is visible in screenshots. */
export function samplePng() {
  // 64x64 RGB, generated without a library: zlib-deflated scanlines.
  return import('node:zlib').then(({ deflateSync }) => {
    const size = 64;
    const raw = Buffer.alloc((size * 3 + 1) * size);
    for (let y = 0; y < size; y++) {
      raw[y * (size * 3 + 1)] = 0;
      for (let x = 0; x < size; x++) {
        const i = y * (size * 3 + 1) + 1 + x * 3;
        const bar = y > 26 && y < 38;
        raw[i] = bar ? 255 : 200;
        raw[i + 1] = bar ? 255 : 30 + x * 2;
        raw[i + 2] = bar ? 255 : 40;
      }
    }
    const crcTable = Array.from({ length: 256 }, (_, n) => {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      return c >>> 0;
    });
    const crc = (buf) => {
      let c = 0xffffffff;
      for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
      return (c ^ 0xffffffff) >>> 0;
    };
    const chunk = (type, data) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(data.length);
      const td = Buffer.concat([Buffer.from(type), data]);
      const c = Buffer.alloc(4);
      c.writeUInt32BE(crc(td));
      return Buffer.concat([len, td, c]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(size, 0);
    ihdr.writeUInt32BE(size, 4);
    ihdr[8] = 8;
    ihdr[9] = 2;
    return Buffer.concat([
      Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  });
}
