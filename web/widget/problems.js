// Problems: what a door (setState, the URL hash, options, attributes, configure) could not apply,
// as plain values a host can print or test: { key, value, message } (the contract "Problems from
// doors"). The wasm judges the view state itself, because it has the data (names, ids, periods);
// this module judges only what JavaScript alone can see: the shape of what was handed over.
//
// Index
//  [SECTION] Problem values and their wording
//  [SECTION] Options of createLandscape()
//  [SECTION] A partial view state as JSON text for the wasm

// ---------------------------------------------------------------------------------------------
// [SECTION] Problem values and their wording
// ---------------------------------------------------------------------------------------------

export const problem = (key, value, message) => ({ key, value, message });

// A plain object ({...}, Object.create(null), an object from another frame), not an array, a
// Date or a Map: the only thing a state or options can be.
export function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) &&
    Object.prototype.toString.call(value) === "[object Object]";
}

// "a number", "an array", "null": how a message names what it got.
export function kindOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    const tag = Object.prototype.toString.call(value).slice(8, -1);
    return tag === "Object" ? "an object" : `a ${tag}`;
  }
  return typeof value === "undefined" ? "undefined" : `a${/^[aeiou]/.test(typeof value) ? "n" : ""} ${typeof value}`;
}

// A value quoted for a message, cut short: a 5 MB string must not become a 5 MB console line.
export function shown(value) {
  if (typeof value !== "string") return kindOf(value);
  const text = JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return value.length > 60 ? `${text} (${value.length} characters)` : text;
}

// Problems of a nested door under the name the host used: the options' state members are
// "state.view", the element's attributes are the members themselves.
export function underKey(problems, prefix) {
  if (!prefix) return problems;
  return problems.map((p) => ({ ...p, key: p.key ? `${prefix}.${p.key}` : prefix }));
}

// One console line for problems: "message; message".
export const joinMessages = (problems) => problems.map((p) => p.message).join("; ");

// ---------------------------------------------------------------------------------------------
// [SECTION] Options of createLandscape()
// ---------------------------------------------------------------------------------------------

export const Themes = ["auto", "light", "dark"];

// Each option's check: null when the value is usable, else what was expected. `data` is judged by
// setData() itself: a value it cannot show is a failed load (an `error`), as when a host calls it.
const OptionChecks = {
  src: (v) => ((typeof v === "string" && v) || v instanceof URL ? null : "a URL (a non-empty string)"),
  data: () => null,
  fetch: (v) => (isPlainObject(v) ? null : "the options of fetch() (an object)"),
  state: (v) => (isPlainObject(v) ? null : 'a partial view state (an object such as { view: "map" })'),
  theme: (v) => (Themes.includes(v) ? null : `one of ${Themes.join(", ")}`),
  hash: (v) => (typeof v === "boolean" ? null : "true or false"),
  timeout: (v) => (typeof v === "number" && v > 0 && Number.isFinite(v) ? null : "a time in ms (a positive number)"),
  onEvent: (v) => (typeof v === "function" ? null : "a function (type, detail)"),
};
export const OptionNames = Object.keys(OptionChecks);

// An option only <social-landscape> passes (a symbol: no host sets it by accident, and the check
// of option names does not see it): { problems } of its attributes. The element's state problems
// are keyed by the member, which is the attribute's name, not "state.view".
export const FromElement = Symbol("social-landscape");

// The options with every unusable one left out (its default applies instead), the problems, and
// what the element passed. An option set to undefined counts as not given: hosts often spread
// optional values.
export function checkOptions(options) {
  return unlessHostile(options, "the options", () => readOptions(options));
}

function readOptions(options) {
  const problems = [];
  const usable = {};
  if (options == null) return { options: usable, problems };
  if (!isPlainObject(options)) {
    problems.push(problem("", options, `createLandscape() takes its options as an object (got ${kindOf(options)}); none applied`));
    return { options: usable, problems };
  }
  const element = options[FromElement] || null;
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const check = Object.prototype.hasOwnProperty.call(OptionChecks, name) ? OptionChecks[name] : null;
    if (!check) {
      problems.push(problem(name, value, `unknown option "${name}" (expected one of ${OptionNames.join(", ")})`));
      continue;
    }
    const expected = check(value);
    if (expected) problems.push(problem(name, value, `option ${name} is ${shown(value)}, expected ${expected}; ignored`));
    else usable[name] = name === "src" ? String(value) : value;
  }
  return { options: usable, problems, element };
}

// ---------------------------------------------------------------------------------------------
// [SECTION] A partial view state as JSON text for the wasm
// ---------------------------------------------------------------------------------------------

// The JSON text of a partial state, and what JSON cannot carry. Each member is written on its
// own, so one bad member (a function, a cycle, a BigInt) loses only itself. Members set to
// undefined are left out quietly, as JSON.stringify does; NaN and Infinity are not: JSON would
// turn them into null, which means "the default", hiding the host's mistake.
export function stateJson(partial) {
  return unlessHostile(partial, "the state", () => {
    if (!isPlainObject(partial)) {
      return { text: null, problems: [problem("", partial, `setState() takes an object of state members such as { view: "map" } (got ${kindOf(partial)})`)] };
    }
    const problems = [];
    const members = [];
    for (const [key, value] of Object.entries(partial)) {
      if (value === undefined) continue;
      let json;
      try { json = typeof value === "function" || typeof value === "symbol" ? undefined : JSON.stringify(value); } catch (e) {
        problems.push(problem(key, value, `${key}: the value cannot be written as JSON (${e.message})`));
        continue;
      }
      if (json === undefined || (typeof value === "number" && !Number.isFinite(value))) {
        problems.push(problem(key, value, `${key}: ${typeof value === "number" ? value : kindOf(value)} is not a state value`));
        continue;
      }
      members.push(`${JSON.stringify(key)}:${json}`);
    }
    return { text: `{${members.join(",")}}`, problems };
  });
}

// A hostile object (a getter or a Proxy that throws) gets one problem for the whole, never an
// exception: the doors answer, they do not throw.
function unlessHostile(value, what, read) {
  try { return read(); } catch (e) {
    return { text: null, options: {}, problems: [problem("", value, `${what} cannot be read (${e && e.message})`)] };
  }
}
