// Waiting on the widget's own signals in a Playwright page (shared by the browser tests and the
// screenshot tool): counted in animation frames, never in milliseconds, so a slow machine waits
// longer instead of failing or taking a half-drawn picture.

// Resolves once the widget (window.explorer) has drawn nothing for `frames` animation frames in a
// row: what it shows now is what it will keep showing.
export function untilQuiet(page, frames = 20) {
  return page.evaluate((needed) => new Promise((done) => {
    let last = -1, same = 0;
    const tick = () => {
      const n = window.explorer.stats().framesRendered;
      same = n === last ? same + 1 : 0;
      last = n;
      if (same >= needed) done(); else requestAnimationFrame(tick);
    };
    tick();
  }), frames);
}
