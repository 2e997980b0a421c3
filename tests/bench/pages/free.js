// Page-level instrumentation shared by the bench's pages (the widget's and the ECharts peer's), so
// both are timed by the same code: when the page says it is ready (its first frame with data),
// when it is free again (the first animation frame after that which arrives on time), and the
// long tasks (PerformanceObserver 'longtask', buffered: the ones before this script ran too).
// tests/bench/browser.mjs reads window.bench.

// A frame is on time when it comes within one and a half frame intervals (60 Hz) of the previous
// one (or of the ready flag): a frame is never earlier than that, and half an interval more is
// what a busy but free page shows now and then.
const OnTimeMs = 25;
const WatchMs = 3000;   // how long after ready frames and long tasks are recorded

const bench = (window.bench = { ready: null, firstFrame: null, free: null, gaps: [], longtasks: [], done: false });
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longtasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
} catch { /* no longtask timing in this browser: the bench says so */ }

// Called by the page once its first frame with data is on screen.
export function ready() {
  if (bench.ready != null) return;
  bench.ready = performance.now();
  // The first frame with data: the widget marks it before createLandscape() resolves (the wasm's
  // deferred part comes between); the ECharts page's ready is its first chart.
  const first = performance.getEntriesByName("landscape:first-frame")[0];
  bench.firstFrame = first ? first.startTime : bench.ready;
  performance.mark("bench-ready");
  let last = bench.ready;
  const onFrame = () => {
    const now = performance.now();
    bench.gaps.push(now - last);
    if (bench.free == null && now - last <= OnTimeMs) bench.free = now;
    last = now;
    if (now - bench.ready < WatchMs) requestAnimationFrame(onFrame);
    else bench.done = true;
  };
  requestAnimationFrame(onFrame);
}
