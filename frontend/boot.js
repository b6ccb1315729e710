// Loads the app a page needs: one bundle per part of the site, so a phone answering a form
// downloads only the form. A file, not an inline script, so that a Content-Security-Policy
// without 'unsafe-inline' runs it. Served unhashed at /boot.js (the served pages name it), with
// its links to /pkg/ rewritten to the hashed copies by `cargo xtask package`.
//
// Without WebAssembly (Lockdown Mode, some locked-down browsers) nothing loads: a served page
// (/s/…, /receipt/…, /, /r/…) is a plain form or a page that reads as it is.
const path = location.pathname;
const app = path.startsWith('/s/') ? 'citizen' : path === '/admin' || path.startsWith('/admin/') ? 'admin' : 'public';
if (typeof WebAssembly === 'object') {
  const wasm = document.createElement('link');
  Object.assign(wasm, { rel: 'preload', as: 'fetch', type: 'application/wasm', crossOrigin: 'anonymous', href: '/pkg/' + app + '_bg.wasm' });
  document.head.append(wasm);
  const { default: init } = await import('/pkg/' + app + '.js');
  await init();
  // The app shell stays on the device (sw.js); it is told what this first visit loaded.
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js');
    navigator.serviceWorker.ready.then(r => r.active.postMessage({ shell: performance.getEntriesByType('resource').map(e => e.name) }));
  }
}
