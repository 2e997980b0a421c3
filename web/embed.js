// embed.html: the widget full-frame inside an iframe, configured by the URL:
//   embed.html?src=/research/file.json&view=map&metric=facebook-dau&theme=dark&height=600
//
// Who may use this page is decided by the deployment, never by the URL: a portal's embed.html
// can be framed and linked to by anyone, and whatever it draws carries the firm's name.
//
// THE DEPLOYMENT FILE: embed-config.json beside embed.html (same folder, same origin):
//   { "dataOrigins":   ["https://research.example"],
//     "parentOrigins": ["https://portal.example", "https://intranet.example"] }
// - Both members are optional lists of origins written scheme://host[:port] (a trailing "/" is
//   accepted; letters' case and default ports are normalised). The page's own origin is always
//   allowed for both and need not be listed.
// - No file (404) = own origin only, silently. Any other problem (not JSON, not an object, an
//   unknown member, a member that is not a list, an entry that is not an http(s) origin: a path,
//   a query, a user name, "*", "null") = the WHOLE file is ignored (own origin only) and the
//   console says why in one warning. A half-read allow-list is not what its author wrote, and
//   failing closed makes the mistake show at once. A refused src then also says so on screen.
// - The file is fetched with cache "no-cache" (always revalidated: an edited file takes effect at
//   the next load, while an unchanged one costs a 304) and mode "same-origin" (a redirect to
//   another origin fails, so the file's author is the page's own server).
//
// DATA (`src`, default data/landscape.json): resolved against this page's URL. Only http(s)
// addresses whose origin is this page's own or in dataOrigins are fetched; anything else (another
// origin, data:, blob:, javascript:, an address with a user name or password, text that is no
// address) is never fetched: the frame shows "This explorer only shows data from <origins>;
// refused <origin>." Redirects are held to the same list by a Content-Security-Policy
// (connect-src 'self' <dataOrigins>) this page adds to itself before the widget starts, so an
// open redirect on an allowed server cannot lead to someone else's file either.
//
// PARENTS: the origins allowed to steer the frame and to receive its messages are the own origin
// plus parentOrigins. `origin=` in the URL (comma-separated) can only NARROW parentOrigins (the
// intersection; entries not allowed by the file are ignored with a console warning). The own
// origin cannot be narrowed away: same-origin code can reach the widget directly anyway.
//
// Messages this page posts to its parent, never with targetOrigin "*":
//   { type: "landscape:height", height }           the page's height in CSS px, at start and on resize
//   { type: "landscape:statechange", state }       after every view change
//   { type: "landscape:warning", problems }        start-up options (URL parameters) it could not apply
//   { type: "landscape:error", message }           the explorer could not start, or refused its src
// They go to the parent's origin only when it is allowed AND known: location.ancestorOrigins[0]
// (Chromium, Safari), else the origin of document.referrer (Firefox; the referrer may be empty
// under Referrer-Policy: no-referrer), else the origin of the first message the parent window
// itself sends (event.source === parent) from an allowed origin. Until then they are held (the
// latest of each type) and sent once the origin is known; a parent whose origin is not allowed
// gets nothing. The explicit targetOrigin makes the browser drop a message whose receiver is not
// that origin, so guessing wrong can never leak; knowing first avoids posting into a mismatch.
//
// Messages it takes (from any window, as long as event.origin is allowed):
//   { type: "landscape:setState", state: { view: "trend", ... } }
// From an origin not allowed: ignored, no answer. From an allowed origin: a message that is not
// an object, has another type, has no state or a state that is not an object, a state longer than
// 65,536 characters as JSON, members that are not JSON values (cycles, BigInt, Map, Date, Blob,
// NaN, nesting deeper than 64) or unknown members beside type and state are answered with
//   { type: "landscape:warning", problems: [{ key, value, message }] }   (at most 20 problems)
// posted back to event.source at event.origin. The valid members of a state are applied; the
// problems the widget's setState() reports are answered the same way. Messages of the types this
// page sends itself are ignored (so two frames, or a parent that echoes, never loop). Messages
// that arrive before the explorer is ready are queued (64 before the deployment file is read,
// 64 setStates before the first frame) and handled once it is. Nothing here ever throws.
const OWN = location.origin;
const SENT_TYPES = new Set(["landscape:height", "landscape:statechange", "landscape:warning", "landscape:error"]);
const STATE_LIMIT = 65536;       // characters of the state as JSON: a view is a few hundred
const DEPTH_LIMIT = 64;
const PROBLEM_LIMIT = 20;
const QUEUE_LIMIT = 64;

const params = new URLSearchParams(location.search);
const height = Math.max(240, Math.min(4000, Number(params.get("height")) || 600));
const root = document.getElementById("landscape");
root.style.setProperty("--landscape-height", `${height}px`);

// ---------------------------------------------------------------------------------------------
// Values from outside, described without trusting them
// ---------------------------------------------------------------------------------------------

const short = (text, limit = 60) => (text.length > limit ? `${text.slice(0, limit)}…` : text);
const quote = (text) => JSON.stringify(short(String(text)));
const tagOf = (value) => Object.prototype.toString.call(value).slice(8, -1);
const article = (word) => (/^[AEIOU]/i.test(word) ? `an ${word}` : `a ${word}`);

function isPlainObject(value) {
  if (value === null || typeof value !== "object" || tagOf(value) !== "Object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// What a value is, in words, for messages.
function kindOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length} items`;
  switch (typeof value) {
    case "string": return "text";
    case "number": return "a number";
    case "boolean": return value ? "true" : "false";
    case "undefined": return "undefined";
    case "bigint": return "a BigInt";
    case "object": return isPlainObject(value) ? "an object" : article(tagOf(value));
    default: return article(typeof value);
  }
}

// A problem's `value`: small, cloneable and safe to hand back (long text cut, containers named).
function describe(value) {
  if (typeof value === "string") return short(value, 200);
  if (value === null || value === undefined || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return short(`${value}n`, 200);
  return kindOf(value);
}

const problem = (key, value, message) => ({ key, value: describe(value), message });

// Why a value cannot travel as JSON, or null; spends `budget.left` (characters of JSON, roughly)
// so the walk stops early on huge values. Cycles are found through the chain of containers above.
function jsonProblem(value, path, depth, above, budget) {
  switch (typeof value) {
    case "string": budget.left -= value.length + 2; return null;
    case "boolean": budget.left -= 5; return null;
    case "number": budget.left -= 8; return Number.isFinite(value) ? null : `${path} is ${value}, not a finite number`;
    case "undefined": return `${path} is undefined`;
    case "bigint": return `${path} is a BigInt, not a JSON number`;
    case "object": break;
    default: return `${path} is ${article(typeof value)}`;
  }
  budget.left -= 4;
  if (value === null) return null;
  if (above.has(value)) return `${path} contains itself (a cycle)`;
  if (depth >= DEPTH_LIMIT) return `${path} is nested more than ${DEPTH_LIMIT} levels deep`;
  const list = Array.isArray(value);
  if (!list && !isPlainObject(value)) return `${path} is ${kindOf(value)} (expected text, a number, true/false, null, a list or an object)`;
  above.add(value);
  try {
    if (list) {
      for (let i = 0; i < value.length && budget.left >= 0; i++) {
        const why = jsonProblem(value[i], `${path}[${i}]`, depth + 1, above, budget);
        if (why) return why;
      }
    } else {
      for (const key of Object.keys(value)) {
        if (budget.left < 0) break;
        budget.left -= key.length + 4;
        const why = jsonProblem(value[key], `${path}.${short(key, 40)}`, depth + 1, above, budget);
        if (why) return why;
      }
    }
  } finally { above.delete(value); }
  return null;
}

// A postMessage payload → { ignore } | { problems, partial } (partial: the state members to
// apply, or null when there is nothing to apply).
function inspectMessage(data) {
  if (typeof data === "string") {
    return { problems: [problem("", data, "the message is text, not an object: post the object itself, not JSON text")], partial: null };
  }
  if (!isPlainObject(data)) {
    return { problems: [problem("", data, `the message is ${kindOf(data)}, not an object like { type: "landscape:setState", state: { view: "map" } }`)], partial: null };
  }
  const type = data.type;
  if (typeof type === "string" && SENT_TYPES.has(type)) return { ignore: true };
  if (type !== "landscape:setState") {
    const message = type === undefined ? `the message has no type (expected "landscape:setState")`
      : typeof type === "string" ? `unknown message type ${quote(type)} (expected "landscape:setState")`
        : `the message's type is ${kindOf(type)} (expected "landscape:setState")`;
    return { problems: [problem("type", type, message)], partial: null };
  }
  const problems = [];
  for (const key of Object.keys(data)) {
    if (key !== "type" && key !== "state") problems.push(problem(key, data[key], `unknown member ${quote(key)} of a landscape:setState message (expected type and state)`));
  }
  const state = data.state;
  if (!isPlainObject(state)) {
    problems.push(problem("state", state, state === undefined ? "the message has no state" : `state is ${kindOf(state)}, not an object of state members such as { view: "map" }`));
    return { problems, partial: null };
  }
  const budget = { left: STATE_LIMIT };
  const keys = Object.keys(state);
  const entries = [];
  for (const key of keys) {
    budget.left -= key.length + 4;
    const value = state[key];
    if (value === undefined) continue;             // as JSON.stringify: an absent member
    const why = budget.left < 0 ? null : jsonProblem(value, short(key, 40), 1, new Set([state]), budget);
    if (budget.left < 0) {
      problems.push(problem("state", state, `the state is longer than ${STATE_LIMIT} characters as JSON (limit ${STATE_LIMIT})`));
      return { problems, partial: null };
    }
    if (why) problems.push(problem(key, value, why));
    else entries.push([key, value]);
  }
  // fromEntries defines own members: a member named "__proto__" stays a member, not a prototype.
  return { problems, partial: entries.length || !keys.length ? Object.fromEntries(entries) : null };
}

// At most PROBLEM_LIMIT problems per answer, each with plain members (the widget's included).
function capped(problems) {
  const clean = problems.map((p) => {
    try { return { key: String(p?.key ?? ""), value: describe(p?.value), message: String(p?.message ?? "") }; }
    catch { return { key: "", value: null, message: "a problem that could not be described" }; }
  });
  if (clean.length <= PROBLEM_LIMIT) return clean;
  const more = clean.length - (PROBLEM_LIMIT - 1);
  return [...clean.slice(0, PROBLEM_LIMIT - 1), { key: "", value: more, message: `and ${more} more problems` }];
}

// ---------------------------------------------------------------------------------------------
// Origins: the deployment file and the URL
// ---------------------------------------------------------------------------------------------

// An entry of an origin list → { origin } or { problem }.
function parseOrigin(text) {
  if (typeof text !== "string") return { problem: `is ${kindOf(text)}, not an origin` };
  const written = text.trim();
  if (written.includes("*")) return { problem: "is a wildcard: list each origin" };
  let url;
  try { url = new URL(written); } catch { return { problem: "is not an origin (scheme://host[:port])" }; }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { problem: "is not an http: or https: origin" };
  if (url.username || url.password || url.pathname !== "/" || /[?#]/.test(written)) {
    return { problem: "has more than an origin (no path, query or user name: scheme://host[:port])" };
  }
  return { origin: url.origin };
}

const CONFIG_MEMBERS = ["dataOrigins", "parentOrigins"];

// The deployment file → { dataOrigins, parentOrigins, problems } (problems: why it was ignored).
async function readConfig() {
  const ignored = (problems) => {
    console.warn(`landscape embed: embed-config.json ignored, only this page's own origin (${OWN}) is allowed: ${problems.join("; ")}`);
    return { dataOrigins: [], parentOrigins: [], problems };
  };
  let response, text;
  try {
    response = await fetch(new URL("embed-config.json", location.href), { cache: "no-cache", credentials: "same-origin", mode: "same-origin" });
  } catch (e) { return ignored([`it could not be fetched (${e.message})`]); }
  if (response.status === 404) return { dataOrigins: [], parentOrigins: [], problems: [] };
  if (!response.ok) return ignored([`the server answered ${response.status}`]);
  let json;
  try { text = await response.text(); json = JSON.parse(text); } catch (e) { return ignored([`it is not JSON (${short(e.message, 120)})`]); }
  if (!isPlainObject(json)) return ignored([`it is ${kindOf(json)}, not an object like { "dataOrigins": [...], "parentOrigins": [...] }`]);
  const problems = [];
  const lists = { dataOrigins: [], parentOrigins: [] };
  for (const key of Object.keys(json)) {
    if (!CONFIG_MEMBERS.includes(key)) { problems.push(`unknown member ${quote(key)} (expected ${CONFIG_MEMBERS.join(", ")})`); continue; }
    const entries = json[key];
    if (!Array.isArray(entries)) { problems.push(`${key} is ${kindOf(entries)}, not a list of origins`); continue; }
    entries.forEach((entry, i) => {
      const parsed = parseOrigin(entry);
      if (parsed.problem) problems.push(`${key}[${i}] ${typeof entry === "string" ? quote(entry) + " " : ""}${parsed.problem}`);
      else if (!lists[key].includes(parsed.origin)) lists[key].push(parsed.origin);
    });
  }
  return problems.length ? ignored(problems) : { ...lists, problems };
}

// `origin=` narrows the file's parent origins; it never adds one.
function narrowParents(allowed) {
  if (!params.has("origin")) return allowed;
  const kept = [];
  for (const entry of params.get("origin").split(",").map((s) => s.trim()).filter(Boolean)) {
    const parsed = parseOrigin(entry);
    if (parsed.problem) console.warn(`landscape embed: origin=${short(entry)} ${parsed.problem}; ignored`);
    else if (parsed.origin === OWN || allowed.includes(parsed.origin)) { if (!kept.includes(parsed.origin)) kept.push(parsed.origin); }
    else console.warn(`landscape embed: origin=${parsed.origin} is not among the parent origins embed-config.json allows; ignored (the URL can only narrow them)`);
  }
  return kept;
}

// `src` → { url } to fetch, or { refused } naming what was refused.
function checkSource(src, dataAllowed) {
  let url;
  try { url = new URL(src, location.href); } catch { return { refused: `${quote(src)} (not a web address)` }; }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { refused: `a ${url.protocol} address` };
  if (url.username || url.password) return { refused: `${url.origin} (an address with a user name or password)` };
  if (!dataAllowed.includes(url.origin)) return { refused: url.origin };
  return { url: url.href };
}

// The browser holds every fetch of this page, redirects included, to the allowed data origins.
// Added once, before the widget starts; a policy can only be tightened afterwards, never widened.
let connectPolicy = "";
function limitConnections(dataAllowed) {
  const meta = document.createElement("meta");
  meta.httpEquiv = "Content-Security-Policy";
  connectPolicy = `connect-src ${["'self'", ...dataAllowed.filter((o) => o !== OWN)].join(" ")}`;
  meta.content = connectPolicy;
  document.head.append(meta);
}

// ---------------------------------------------------------------------------------------------
// Talking to the parent
// ---------------------------------------------------------------------------------------------

let steering = null;          // Set of origins allowed to steer and to receive; null until the file is read
let parentTarget = null;      // the parent's origin once known and allowed
let parentUnknown = false;    // framed, origin not yet known: wait for the parent's first message
const held = new Map();       // type → the latest message not yet sent

// The parent's origin as the browser reports it, or null when it does not say.
function reportedParentOrigin() {
  try {
    const ancestors = location.ancestorOrigins;
    if (ancestors) return ancestors.length ? ancestors[0] : null;
  } catch { /* not available */ }
  try { if (document.referrer) return new URL(document.referrer).origin; } catch { /* no referrer */ }
  return null;
}

function chooseParent() {
  if (window.parent === window) return;                     // not framed: nobody to tell
  const reported = reportedParentOrigin();
  if (reported === null) parentUnknown = true;
  else if (steering.has(reported)) setParent(reported);
}

function setParent(origin) {
  parentTarget = origin;
  parentUnknown = false;
  const waiting = [...held.values()];
  held.clear();
  for (const message of waiting) post(message);
}

function post(message) {
  if (!parentTarget) {
    if (parentUnknown || !steering) held.set(message.type, message);
    return;
  }
  try { window.parent.postMessage(message, parentTarget); } catch { /* parent gone, or a value that does not clone */ }
}

const postHeight = () => post({ type: "landscape:height", height: document.documentElement.scrollHeight });

function reply(event, problems) {
  const source = event.source;
  if (!source || typeof source.postMessage !== "function") return;
  try { source.postMessage({ type: "landscape:warning", problems: capped(problems) }, event.origin); } catch { /* sender gone */ }
}

// ---------------------------------------------------------------------------------------------
// The message door
// ---------------------------------------------------------------------------------------------

let widget = null;
let phase = "reading";        // reading → starting → ready | failed
let failure = "";
const early = [];             // raw events before the file is read
const pending = [];           // valid setStates before the widget is ready: [event, partial, problems]

function apply(event, partial, problems) {
  if (!widget) {
    problems.push(problem("", "landscape:setState", `the explorer did not start, there is nothing to steer (${short(failure, 200)})`));
  } else {
    let result;
    try { result = widget.setState(partial); } catch (e) {
      problems.push(problem("state", partial, `the explorer could not apply the state: ${short(String(e?.message ?? e), 200)}`));
    }
    if (Array.isArray(result)) problems.push(...result);
    else if (result === false) problems.push(problem("state", partial, "the explorer could not read the state"));
  }
  if (problems.length) reply(event, problems);
}

function receive(event) {
  if (!steering.has(event.origin)) return;                  // only the allowed may steer, and hear back
  if (parentUnknown && event.source === window.parent) setParent(event.origin);
  const { ignore, problems, partial } = inspectMessage(event.data);
  if (ignore) return;
  if (!partial) { reply(event, problems); return; }
  if (phase === "starting") {
    if (pending.length < QUEUE_LIMIT) pending.push([event, partial, problems]);
    else reply(event, [...problems, problem("", "landscape:setState", `more than ${QUEUE_LIMIT} messages arrived before the explorer was ready; this one was dropped`)]);
    return;
  }
  apply(event, partial, problems);
}

window.addEventListener("message", (event) => {
  try {
    if (!event.isTrusted) return;                           // the browser's deliveries only
    if (phase === "reading") { if (early.length < QUEUE_LIMIT) early.push(event); return; }
    receive(event);
  } catch { /* never throw at the sender */ }
});

// ---------------------------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------------------------

function showMessage(text) {
  const p = document.createElement("p");
  p.className = "embed-message";
  p.textContent = text;
  root.replaceChildren(p);
}

function fail(text) {
  if (!steering) steering = new Set([OWN]);   // failed before the file was read
  phase = "failed";
  failure = text;
  showMessage(text);
  post({ type: "landscape:error", message: text });
  for (const [event, partial, problems] of pending.splice(0)) apply(event, partial, problems);
}

let dataAllowed = [OWN];
let configProblems = [];
// Why the explorer did not start, as every message of this page says it (the widget's own notice,
// web/widget/notice.js, begins the same way).
const couldNotStart = (why) => `The explorer could not start: ${why}`;
const refusal = (what) => `This explorer only shows data from ${dataAllowed.join(", ")}; refused ${what}.` +
  (configProblems.length ? " (Its embed-config.json could not be used: see the browser console.)" : "");

// A fetch a policy blocked. The browser names the address the fetch started from, not where a
// redirect led (it does not reveal that), so our own policy blocking an allowed address means a
// redirect left the allowed origins; the deployment's own header policy is told apart by its text.
let blocked = null;           // { origin, ours }
document.addEventListener("securitypolicyviolation", (e) => {
  if (e.effectiveDirective !== "connect-src") return;
  let origin;
  try { origin = new URL(e.blockedURI).origin; } catch { origin = String(e.blockedURI || "an address"); }
  blocked = { origin, ours: e.originalPolicy === connectPolicy };
  if (phase === "failed") showMessage(blockedText());
});
function blockedText() {
  if (!dataAllowed.includes(blocked.origin)) return refusal(blocked.origin);
  if (blocked.ours) return refusal(`a redirect from ${blocked.origin} to another origin`);
  return couldNotStart(`this page's Content-Security-Policy (connect-src) blocks ${blocked.origin}.`);
}

async function start() {
  const [config, loaded] = await Promise.all([
    readConfig(),
    import("./landscape.js").then((m) => ({ createLandscape: m.createLandscape }), (e) => ({ error: e })),
  ]);
  configProblems = config.problems;
  dataAllowed = [OWN, ...config.dataOrigins.filter((o) => o !== OWN)];
  steering = new Set([OWN, ...narrowParents(config.parentOrigins)]);
  phase = "starting";
  chooseParent();
  new ResizeObserver(postHeight).observe(document.body);
  for (const event of early.splice(0)) { try { receive(event); } catch { /* as above */ } }

  const checked = checkSource(params.get("src") || "data/landscape.json", dataAllowed);
  if (checked.refused) { fail(refusal(checked.refused)); return; }
  if (loaded.error) { fail(couldNotStart(loaded.error.message)); return; }
  limitConnections(dataAllowed);

  const state = {};
  for (const key of ["view", "metric", "period", "scale"]) if (params.get(key)) state[key] = params.get(key);
  try {
    widget = await loaded.createLandscape(root, {
      src: checked.url,
      theme: params.get("theme") || "auto",
      state,
      // Start-up problems (the URL's view, theme, ...) go to the parent; later setState problems
      // are answered to whoever sent them, so they are not forwarded twice.
      onEvent: (type, detail) => {
        if (type === "warning" && phase === "starting" && Array.isArray(detail?.problems)) {
          post({ type: "landscape:warning", problems: capped(detail.problems) });
        }
      },
    });
  } catch (error) {
    fail(blocked ? blockedText() : couldNotStart(error?.message ?? error));
    return;
  }
  phase = "ready";
  window.explorer = widget;
  widget.on("statechange", (s) => post({ type: "landscape:statechange", state: s }));
  postHeight();
  for (const [event, partial, problems] of pending.splice(0)) apply(event, partial, problems);
}

start().catch((error) => {
  try { fail(couldNotStart(error?.message ?? error)); } catch { /* nothing more to do */ }
});
