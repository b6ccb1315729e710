// hailong's service worker: keeps the app shell (the page, its style, scripts and wasm) on the
// device, so a second visit and a kiosk tablet load without waiting for the network, and a page
// opened offline still shows (the app's outbox then sends answers kept from earlier).
// It never touches /api/: forms, answers and receipts always come from the server.
// Served unhashed at /sw.js (root scope); `cargo xtask package` leaves its name alone.

const SHELL = 'hailong-shell-v2';
// Every path of the app is the same page, except the pages the server renders (a questionnaire
// with its own response id, a receipt, the published results), which come from the network while
// there is one. The page kept is the home page as served: every app removes what was served.
const PAGE = '/';
const SERVED = ['/s/', '/receipt', '/r/'];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(SHELL).then(cache => cache.add(PAGE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(
    caches.keys()
      .then(keys => Promise.all(keys.filter(key => key !== SHELL).map(key => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

// The first visit loads before this worker runs; the page then lists what it loaded, to keep.
self.addEventListener('message', event => {
  const urls = (event.data && event.data.shell) || [];
  event.waitUntil(caches.open(SHELL).then(cache =>
    Promise.all(urls.filter(isShell).map(url => cache.match(url).then(hit => hit || cache.add(url).catch(() => {}))))
  ));
});

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) {
    return;
  }
  // App routes have no dot in their last segment (as the CloudFront fallback decides).
  const last = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  const served = url.pathname === PAGE || SERVED.some(prefix => url.pathname.startsWith(prefix));
  if (request.mode === 'navigate' && served) {
    event.respondWith(networkFirst(request));
  } else if (request.mode === 'navigate' && !last.includes('.')) {
    event.respondWith(deviceFirst(PAGE, request));
  } else if (isShell(request.url)) {
    event.respondWith(deviceFirst(request, request));
  }
});

function isShell(address) {
  const url = new URL(address, self.location.origin);
  return url.origin === self.location.origin
    && !url.pathname.startsWith('/api/')
    && url.pathname !== '/sw.js'
    && /\.(css|js|wasm|svg|webmanifest)$/.test(url.pathname);
}

// Offline, the app shell: the citizen app then shows the draft or the outbox's waiting answer.
async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch (offline) {
    const kept = await caches.match(PAGE);
    if (kept) {
      return kept;
    }
    throw offline;
  }
}

// The device's copy at once when there is one; the network's copy is kept for the next visit.
async function deviceFirst(key, request) {
  const cache = await caches.open(SHELL);
  const kept = await cache.match(key);
  const fresh = fetch(request).then(response => {
    if (response.ok) {
      cache.put(key, response.clone());
    }
    return response;
  });
  if (kept) {
    fresh.catch(() => {});
    return kept;
  }
  return fresh;
}
