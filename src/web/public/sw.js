/* global self, caches, fetch, URL */
// GRD-3 the app shell offline: a member opens the field pages where there is no signal.
// Navigations and the two reads the field pages need are network-first with the last copy as
// fallback; hashed bundle files never change, so they are served from the cache once fetched.
const SHELL = 'hongtu-shell-v1';
const API = 'hongtu-api-v1';
const PRECACHE = ['/', '/manifest.webmanifest', '/icon.svg'];
const CACHED_READS = ['/api/auth/me', '/api/households'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((c) => c.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== API).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, cacheName, fallbackUrl) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(fallbackUrl ?? request, response.clone());
    return response;
  } catch (err) {
    const copy = await cache.match(fallbackUrl ?? request);
    if (copy) return copy;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const copy = await cache.match(request);
  if (copy) return copy;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-assets' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u) => typeof u === 'string' && new URL(u).origin === self.location.origin);
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(urls)));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Signing out forgets the copies of the last user's session and households.
  if (request.method === 'POST' && url.pathname === '/api/auth/logout') {
    event.waitUntil(caches.delete(API));
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL, '/'));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  } else if (CACHED_READS.includes(url.pathname)) {
    event.respondWith(networkFirst(request, API));
  }
});
