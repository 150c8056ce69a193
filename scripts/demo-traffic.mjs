// The compose `demo` profile's traffic generator: plain Node (no build, no dependencies), so
// the stock node image runs it from this file. Through nginx it registers an account, creates
// links, follows them (and some unknown slugs), and browses and reads products, at about
// DEMO_REQUESTS_PER_SECOND (below the gateway's default rate limits of 300 API calls and 3,000
// redirects a minute per client), so that every dashboard panel moves within a minute. It
// writes /tmp/heartbeat after every round (the container's healthcheck) and retries forever
// while the gateway is not there yet.
import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

const BASE_URL = process.env.BEACON_URL ?? 'http://localhost:8080';
const RATE = Math.max(1, Number(process.env.DEMO_REQUESTS_PER_SECOND ?? 4));
const LINKS = 10;
const TARGETS = [
  'https://github.com/nestjs/nest',
  'https://www.youtube.com/watch?v=beacon',
  'https://en.wikipedia.org/wiki/Lighthouse',
  'https://news.example.org/today',
  'https://shop.example.com/products/kettle',
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = (items) => items[Math.floor(Math.random() * items.length)];

async function call(path, { method = 'GET', body, token } = {}) {
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(body && { 'content-type': 'application/json' }),
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}

async function register() {
  for (;;) {
    try {
      const email = `demo-${randomUUID()}@example.com`;
      const registered = await call('/auth/register', {
        method: 'POST',
        body: { email, password: `demo-${randomUUID()}` },
      });
      if (registered.status === 201) return registered.body.accessToken;
      console.error(`register answered ${registered.status}; retrying`);
    } catch (error) {
      console.error(`gateway not reachable yet (${error.message}); retrying`);
    }
    await sleep(3_000);
  }
}

async function createLinks(token) {
  const slugs = [];
  for (let i = 0; i < LINKS; i++) {
    const created = await call('/api/links', {
      method: 'POST',
      body: { url: `${pick(TARGETS)}?n=${i}` },
      token,
    });
    if (created.status === 201) slugs.push(created.body.slug);
    await sleep(1_000 / RATE);
  }
  return slugs;
}

/** One request of the mix: mostly redirects, some unknown slugs, product reads, a new link. */
async function step(token, slugs, productIds) {
  const roll = Math.random();
  if (roll < 0.55 && slugs.length > 0) return call(`/${pick(slugs)}`);
  if (roll < 0.65) return call(`/no-such-${randomUUID().slice(0, 8)}`);
  if (roll < 0.8) return call(`/api/products?page=${1 + Math.floor(Math.random() * 5)}`);
  if (roll < 0.95 && productIds.length > 0) return call(`/api/products/${pick(productIds)}`);
  const created = await call('/api/links', { method: 'POST', body: { url: pick(TARGETS) }, token });
  if (created.status === 201) slugs.push(created.body.slug);
  return created;
}

async function main() {
  let token = await register();
  const slugs = await createLinks(token);
  const products = await call('/api/products?limit=100');
  const productIds = (products.body.items ?? []).map((product) => product.id);
  console.log(`demo traffic: ${slugs.length} links, ${productIds.length} products, ${RATE} req/s`);
  for (let round = 1; ; round++) {
    for (let i = 0; i < RATE * 5; i++) {
      const response = await step(token, slugs, productIds).catch((error) => ({
        status: `failed (${error.message})`,
      }));
      if (response.status === 401) token = await register(); // the access token expired
      await sleep(1_000 / RATE);
    }
    writeFileSync('/tmp/heartbeat', String(round));
  }
}

await main();
