// Type declarations for social-landscape 0.2.0: the ES module `landscape.js`, which exports
// createLandscape() and configure() and registers the custom element <social-landscape>.
// Hand-written to match the JavaScript (web/widget/) and the view state's
// JSON (wasm/core/view_state.cpp, ViewStateToJson); the package's tests compile host code against
// this file and check that wrong uses fail. The full reference is docs/embedding.md.

// ---------------------------------------------------------------------------------------------
// View state
// ---------------------------------------------------------------------------------------------

/** The explorer's views, as named in the state, the URL hash and the `view` attribute. */
export type ViewName = "map" | "trend" | "compare" | "share" | "table" | "sources";

/** Period lengths a metric's figures come in; `""` = let the widget choose. */
export type Granularity = "" | "year" | "quarter" | "month" | "day";

/** Colour scheme: `"auto"` follows the reader's `prefers-color-scheme` and its changes. */
export type Theme = "light" | "dark" | "auto";

/**
 * What the explorer shows, as plain JSON: `getState()` returns it, `statechange` carries it, and
 * it survives a new edition of the data file (ids, not positions). Member names are those of the
 * JSON the widget reads and writes.
 */
export interface ViewState {
  /** Version of this state's shape; always 1 in this release. */
  version: 1;
  /** The view on screen. Default `"map"`. */
  view: ViewName;
  /** Metric id from the data file (`metrics[].id`); `""` in a partial lets the widget choose the busiest metric. */
  metric: string;
  /**
   * The length of the periods shown: values over a year and over a quarter are never joined in one
   * line, ranked together or summed. `""` in a partial lets the widget choose (the period's own
   * kind when one is given, else the granularity of the metric's latest figure); `getState()`
   * always names the one in use.
   */
  granularity: Granularity;
  /** Entity ids (`entities[].id`) in the order they were picked; empty lets the widget choose the top five. */
  entities: string[];
  /** Region ids (`regions[].id`); empty lets the widget choose. */
  regions: string[];
  /** A period of the data of the chosen granularity, such as `"2023-Q2"`, `"2024"` or `"2025-01"`; `""` means the latest period with data. */
  period: string;
  /** Value axis of the trend and compare views. Default `"linear"`. */
  scale: "linear" | "log";
  /** What the compare view puts side by side: entities in one region, or regions for one entity. Default `"entity"`. */
  compare_by: "entity" | "region";
  /** Group entities by the country of their headquarters (their origin). Default `false`. */
  group_by_origin: boolean;
  /** Tables and rankings show the largest (or best) first. Default `true`. */
  sort_descending: boolean;
  /** The table view's text filter. Default `""`. */
  filter: string;
}

/**
 * A partial view state for `setState()`, the `state` option and `embed.html` messages: the members
 * given replace the current ones, the rest stay. `version` is accepted so that a saved
 * `getState()` can be given back as it is.
 */
export type ViewStatePatch = Partial<ViewState>;

// ---------------------------------------------------------------------------------------------
// Problems and errors
// ---------------------------------------------------------------------------------------------

/**
 * Something the widget was given and did not (fully) apply: a `setState()` member, an option, an
 * element attribute, a part of the URL hash, a `configure()` setting or an `embed.html` message.
 * What was valid was applied; each problem names what was not.
 */
export interface Problem {
  /** The member, option or attribute: `"view"`, `"entities"`, `"theme"`, `"state.view"`, `"wasmUrl"`; `""` when the whole value was wrong (e.g. `setState(42)`). */
  key: string;
  /** The value refused (for a list member, the one id that was refused). */
  value: unknown;
  /** Plain English, e.g. `unknown view "trends" (expected one of map, trend, compare, share, table, sources)`. */
  message: string;
}

/** A problem in a data file, located by JSON Pointer and by line and column (1-based). */
export interface DataProblem {
  /** JSON Pointer into the file, e.g. `"/observations/1234/region"`; `""` for the file as a whole. */
  pointer: string;
  /** Line in the file, from 1; 0 when the problem has no position (e.g. the file is empty). */
  line: number;
  /** Column in that line, from 1 (in bytes); 0 when the problem has no position. */
  column: number;
  /** Plain English, e.g. `unknown region "apacx" (did you mean "apac"?)`. */
  message: string;
  /** `"error"` refuses the file; `"warning"` is shown while the file loads. */
  severity?: "error" | "warning";
}

/** Why a load failed, when it was not the file's content (then `problems` says what was wrong in it). */
export type LoadErrorKind = "http" | "html" | "network" | "timeout" | "truncated" | "aborted";

/**
 * How `createLandscape()`, `load()` and `setData()` reject: an `Error` carrying what
 * went wrong. A failed load leaves the previous data on screen.
 */
export interface LoadError extends Error {
  /** One line for the reader, e.g. `the data file could not be fetched: the server answered 404 Not Found`. */
  message: string;
  /** The data file's problems (at most a few hundred); empty when the file never arrived. */
  problems: DataProblem[];
  /** The HTTP status when the server answered with an error. */
  status?: number;
  /** What kind of failure it was, when the file did not arrive whole; absent for a refused file. */
  kind?: LoadErrorKind;
  /** Whether trying again may help (the error panel then offers a retry button). */
  retry?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

/** `ready`: the first frame is on screen (with data when `src` or `data` was given). */
export interface ReadyEvent {
  /** The data file's title; `""` when the widget started without data. */
  title: string;
}

/** `load`, and what `load()` / `setData()` resolve with: a data file is on screen. */
export interface LoadEvent {
  /** The data file's `title`. */
  title: string;
  /** How many observations the file holds. */
  observations: number;
}

/** `progress`: bytes of the data file received so far. */
export interface LoadProgressEvent {
  /** Bytes received. */
  loaded: number;
  /** The file's size from `Content-Length`; 0 when the server did not say. */
  total: number;
}

/** `select`: the reader clicked (or picked with the keyboard) one observation. */
export interface SelectEvent {
  /** Entity id (`entities[].id`). */
  entity: string;
  /** Region id (`regions[].id`). */
  region: string;
  /** Metric id (`metrics[].id`). */
  metric: string;
  /** The observation's period, e.g. `"2023-Q2"`. */
  period: string;
  /** The observation's value, in the metric's unit. */
  value: number;
  /** How the figure was obtained. */
  confidence: "reported" | "estimate" | "forecast" | "";
  /** Source id (`sources[].id`); `""` when the observation names none. */
  source: string;
}

/** `error`: a load failed (the payload of the error the promise rejected with). */
export interface LoadErrorEvent {
  /** One line for the reader. */
  message: string;
  /** The data file's problems; empty when the file never arrived. */
  problems: DataProblem[];
  /** The HTTP status when the server answered with an error. */
  status?: number;
  /** What kind of failure it was, when the file did not arrive whole. */
  kind?: LoadErrorKind;
}

/** `warning`: something given to the widget was not (fully) applied; what was valid was. */
export interface WarningEvent {
  /** What was not applied, and why. */
  problems: Problem[];
}

/** Every event of the handle (`on`, `off`, `options.onEvent`) and its payload. */
export interface LandscapeEventMap {
  /** The first frame is on screen; delivered once. */
  ready: ReadyEvent;
  /** A data file is on screen (the first one and every later `load()` / `setData()`). */
  load: LoadEvent;
  /** Bytes of a data file arrived (at most every 100 ms, and once at the end). */
  progress: LoadProgressEvent;
  /** The view state changed (a click, a key, `setState()`, a hash link, new data). */
  statechange: ViewState;
  /** The reader picked one observation. */
  select: SelectEvent;
  /** A load failed. */
  error: LoadErrorEvent;
  /** Something given to the widget was not applied (a `setState()` member, an option, the hash). */
  warning: WarningEvent;
}

/** A name of an event in {@link LandscapeEventMap}. */
export type LandscapeEventType = keyof LandscapeEventMap;

/** `(type, detail)` pairs, so that `if (type === "select") detail.entity` is typed in `onEvent`. */
export type LandscapeEventArgs = {
  [K in LandscapeEventType]: [type: K, detail: LandscapeEventMap[K]];
}[LandscapeEventType];

// ---------------------------------------------------------------------------------------------
// Options and the handle
// ---------------------------------------------------------------------------------------------

/**
 * A data file in the `landscape/1` format (docs/format.md), as an object. Only the members the
 * format requires are named here; the widget checks everything and rejects with `problems`.
 */
export interface LandscapeDocument {
  /** Always `"landscape/1"`. */
  format: string;
  /** Shown as the explorer's title and in exports. */
  title: string;
  /** The regions (`{ id, name, ... }`). */
  regions: readonly object[];
  /** The entities (`{ id, name, ... }`). */
  entities: readonly object[];
  /** The metrics (`{ id, name, unit, ... }`). */
  metrics: readonly object[];
  /** The observations, as objects or as the compact `{ columns, rows }` table. */
  observations: readonly object[] | { columns: readonly string[]; rows: readonly (readonly unknown[])[] };
  /** Every other member of the format (`sources`, `license`, `caveats`, `events`, ...). */
  [member: string]: unknown;
}

/** What `setData()` and the `data` option take: the document, its JSON text or its bytes (UTF-8). */
export type LandscapeData = LandscapeDocument | string | Uint8Array | ArrayBuffer;

/** The second argument of `createLandscape()`. Every member is optional. */
export interface LandscapeOptions {
  /** URL of the data file to fetch (relative URLs resolve against the page). Ignored when `data` is given. */
  src?: string | URL;
  /** Data the host already has; takes precedence over `src`. */
  data?: LandscapeData;
  /** Passed to `fetch()` for `src` and `load()`: credentials, headers, mode, ... */
  fetch?: RequestInit;
  /** The initial view; anything missing gets a sensible default. Problems go to a `warning` event. */
  state?: ViewStatePatch;
  /** Colour scheme. Default `"auto"`. */
  theme?: Theme;
  /** Keep the view in `location.hash` (shareable links) and follow `hashchange`. Default `false`. */
  hash?: boolean;
  /** Milliseconds a data download may take before it fails with `kind: "timeout"`. Default 60000. */
  timeout?: number;
  /**
   * Receives every event, including those fired while the widget starts (before the promise
   * resolves; listeners added with `on()` afterwards hear only what comes later).
   */
  onEvent?: (...event: LandscapeEventArgs) => void;
}

/** Counters for tests and monitoring. */
export interface LandscapeStats {
  /** The package's version, e.g. `"0.2.0"`. */
  version: string;
  /** Frames drawn since the widget started (none while nothing changes). */
  framesRendered: number;
  /** CPU time of the last frame, in ms. */
  lastFrameMs: number;
  /** Size of the wasm instance's memory, in bytes. */
  heapBytes: number;
  /** Observations in the data on screen. */
  observations: number;
  /** Characters in the data that no font, bundled or the browser's, could draw. */
  missingGlyphs: number;
  /** Characters the browser rasterised for the widget (not in the bundled fonts). */
  rasterisedGlyphs: number;
  /** Bytes the loaded data occupies inside the wasm memory. */
  residentBytes: number;
  /** Bytes of the wasm memory in use by allocations (the rest of heapBytes is free space the allocator keeps, the stack and static data). */
  heapUsedBytes: number;
  /** Whether the wasm's deferred part (`landscape-core.deferred.wasm`) is installed in this widget: always, once `createLandscape()` has resolved. */
  deferredInstalled: boolean;
  /** How often a frame needed the deferred part before it arrived, so that it was loaded synchronously (0 or 1). */
  deferredFallbacks: number;
}

/** What an item of `layout()` is to a reader. */
export type LayoutRole = "title" | "tab" | "button" | "combo" | "checkbox" | "slider" | "input" | "menu" | "label" | "legend" | "axis" | "datalabel" | "plot" | "unreported";

/** One thing the last frame drew that a person reads or operates (a testing aid). */
export interface LayoutItem {
  /** What it is: a view tab, a control, chart text (`axis`, `legend`, `datalabel`), other text (`label`). */
  role: LayoutRole;
  /** Its text as written in the data (a control's visible label); `""` for a control without text. */
  text: string;
  /** Its rectangle in CSS pixels relative to the canvas's top left corner (clipped to what scrolls). */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Present and `true` where the item is drawn highlighted (a hovered series or legend entry). */
  highlighted?: boolean;
}

/** One widget: what `createLandscape()` resolves with and `<social-landscape>.widget` holds. */
export interface LandscapeWidget {
  /** Fetches a data file (with `options.fetch` unless `fetchInit` is given) and shows it; a failure rejects and keeps the previous data. */
  load(url: string | URL, fetchInit?: RequestInit): Promise<LoadEvent>;
  /** Shows data the host already has; a refused file rejects with its `problems` and keeps the previous data. */
  setData(data: LandscapeData): Promise<LoadEvent>;
  /** The current view state. Throws once the widget is destroyed. */
  getState(): ViewState;
  /**
   * Applies a partial view state. Returns what was not applied (empty when everything was); when
   * not empty a `warning` event carries the same list. Never throws (after `destroy()` the one
   * problem says so).
   */
  setState(partial: ViewStatePatch): Problem[];
  /** Adds a listener; listeners run after the frame, never inside it. Returns the widget, for chaining. */
  on<K extends LandscapeEventType>(type: K, listener: (detail: LandscapeEventMap[K]) => void): this;
  /** Removes a listener added with `on()`. Returns the widget. */
  off<K extends LandscapeEventType>(type: K, listener: (detail: LandscapeEventMap[K]) => void): this;
  /** The current view's data as CSV text (UTF-8, a header row, the sources and licence in the last rows). */
  exportCSV(): string;
  /** The current view as a PNG at twice the CSS size, with a footer naming the title, sources and licence. */
  exportPNG(): Promise<Blob>;
  /** Counters for tests and monitoring; `version` is the package's. Throws once the widget is destroyed. */
  stats(): LandscapeStats;
  /** A testing aid: what the last frame drew that a person reads or operates. Throws once the widget is destroyed. */
  layout(): LayoutItem[];
  /** Removes the canvas, the DOM, listeners and timers, and frees the wasm instance. Safe to call twice. */
  destroy(): void;
  /** Repeats the last failed (or last) `load()`; resolves when it is done (never rejects). */
  retry(): Promise<LoadEvent | undefined>;
  /** Draws a frame at the next animation frame (after the host changed something the widget cannot see). */
  requestRedraw(): void;
  /** For benchmarks: draws `n` frames now (default 10) and returns the mean time of one, in ms. */
  measureFrames(n?: number): number;
  /** The element the widget added to its parent (it holds the shadow root with the canvas). */
  readonly element: HTMLElement;
}

/** What `configure()` takes. */
export interface LandscapeConfig {
  /**
   * Where the page serves `landscape-core.wasm` when it is not beside `landscape.js` (a CDN,
   * another origin with CORS: add that origin to the page's `connect-src`). Relative URLs resolve
   * against the page.
   */
  wasmUrl?: string | URL;
  /**
   * Where the page serves `landscape-core.deferred.wasm`, the wasm's second part, fetched after
   * the first frame. By default it is beside the wasm: beside `landscape.js`, or in the folder of
   * `wasmUrl` when that is set. Relative URLs resolve against the page.
   */
  deferredWasmUrl?: string | URL;
}

/**
 * Creates a widget inside `parent` (which gives it its size). Resolves when the first frame with
 * the data is on screen and the wasm's deferred part is installed; rejects with a {@link LoadError} (and removes what it added) if it
 * cannot get there.
 */
export function createLandscape(parent: Element, options?: LandscapeOptions): Promise<LandscapeWidget>;

/**
 * Page-wide settings, once per page before the first widget (the wasm is compiled once per
 * page). Returns what was not applied: an unknown or wrong-typed setting, or any setting once a
 * widget has already compiled the wasm (then nothing changes).
 */
export function configure(config: LandscapeConfig): Problem[];

export default createLandscape;

// ---------------------------------------------------------------------------------------------
// The custom element <social-landscape>
// ---------------------------------------------------------------------------------------------

/** `landscape-ready`'s detail: the element's widget, now in `.widget` too. */
export interface ReadyElementEvent {
  /** The same handle as the element's `.widget`. */
  widget: LandscapeWidget;
}

/**
 * `<social-landscape src="…" view="map" metric="…" period="…" theme="auto" hash>`: attributes map
 * to the options (`src`, `theme`, `hash`) and to the initial state (`view`, `metric`, `period`);
 * later changes of `src`, `view` and `metric` apply to the running widget. Problems with
 * attributes come as `landscape-warning`. Its DOM events bubble and cross shadow roots.
 */
export interface SocialLandscapeElement extends HTMLElement {
  /** The widget once `landscape-ready` has fired; `null` before, after a failed start and once the element left the page. */
  readonly widget: LandscapeWidget | null;
  addEventListener<K extends keyof SocialLandscapeElementEventMap>(type: K, listener: (this: SocialLandscapeElement, ev: SocialLandscapeElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SocialLandscapeElementEventMap>(type: K, listener: (this: SocialLandscapeElement, ev: SocialLandscapeElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** The DOM events `<social-landscape>` dispatches (they bubble and are composed). */
export interface LandscapeElementEventMap {
  /** The widget started; `detail.widget` is the element's `.widget`. */
  "landscape-ready": CustomEvent<ReadyElementEvent>;
  /** A data file is on screen. */
  "landscape-load": CustomEvent<LoadEvent>;
  /** The reader picked one observation. */
  "landscape-select": CustomEvent<SelectEvent>;
  /** The view state changed. */
  "landscape-statechange": CustomEvent<ViewState>;
  /** The widget could not start, or a load failed. */
  "landscape-error": CustomEvent<LoadErrorEvent>;
  /** An attribute, the state or the hash was not (fully) applied. */
  "landscape-warning": CustomEvent<WarningEvent>;
}

/** The element's own events together with every other event of an HTML element. */
export interface SocialLandscapeElementEventMap extends HTMLElementEventMap, LandscapeElementEventMap {}

declare global {
  interface HTMLElementTagNameMap {
    "social-landscape": SocialLandscapeElement;
  }
  // The element's events bubble (and cross shadow roots), so any ancestor element can listen.
  interface HTMLElementEventMap extends LandscapeElementEventMap {}
}
