// The custom element <social-landscape>: attributes map to options, `.widget` is the handle, and
// the widget's events come out as DOM events (`landscape-ready`, `landscape-select`,
// `landscape-warning`, ...) that bubble out of the shadow DOM. Several elements on one page are
// independent widgets.

import { createLandscape } from "./widget.js";
import { errorPayload } from "./errors.js";
import { showStartFailure } from "./notice.js";
import { problem, shown, Themes, FromElement } from "./problems.js";

const ForwardedEvents = ["select", "error", "statechange", "load", "warning"];
const StateAttributes = ["view", "metric", "period"];

// The options an element's attributes ask for, and what they ask for that cannot be: problems
// keyed by the attribute's name. State attributes go to the wasm, which judges them.
function optionsFrom(el) {
  const problems = [];
  const state = {};
  for (const name of StateAttributes) if (el.hasAttribute(name)) state[name] = el.getAttribute(name);
  const src = el.getAttribute("src");
  if (src === "") problems.push(problem("src", src, "attribute src is empty: no data file to show"));
  let theme = "auto";   // as createLandscape(): a portal in dark mode gets a dark explorer
  if (el.hasAttribute("theme")) {
    const value = el.getAttribute("theme");
    if (Themes.includes(value)) theme = value;
    else problems.push(problem("theme", value, `attribute theme=${shown(value)} is not one of ${Themes.join(", ")}; auto used`));
  }
  // A boolean attribute: present (hash, hash="", hash="true") is on; hash="false" is off too,
  // as hosts write it.
  let hash = false;
  if (el.hasAttribute("hash")) {
    const value = el.getAttribute("hash");
    const word = value.trim().toLowerCase();
    if (word === "" || word === "true" || word === "hash") hash = true;
    else if (word !== "false") problems.push(problem("hash", value, `attribute hash=${shown(value)} is not "true", "false" or empty; the view is not kept in the link`));
  }
  return { src: src || undefined, theme, hash, state, [FromElement]: { problems } };
}

// Defined once per page, and only where custom elements exist: the class is made here, so that
// importing the module where there is no HTMLElement (a server render, a worker) does not throw.
export function defineElement() {
  if (typeof customElements === "undefined" || customElements.get("social-landscape")) return;
  class SocialLandscape extends HTMLElement {
    static get observedAttributes() { return ["src", ...StateAttributes, "theme", "hash"]; }

    constructor() {
      super();
      this.widget = null;      // the handle, once started
      this._starting = null;   // the createLandscape() promise while starting
      this._notice = null;     // why it could not start, shown in its place (notice.js)
    }

    connectedCallback() {
      if (this._starting || this.widget) return;
      if (!this.style.display) this.style.display = "block";
      this._clearNotice();
      const options = optionsFrom(this);
      options.onEvent = (type, detail) => { if (ForwardedEvents.includes(type)) this._dispatch(type, detail); };
      this._starting = createLandscape(this, options).then((w) => {
        this.widget = w;
        this._starting = null;
        if (!this.isConnected) { w.destroy(); this.widget = null; return; }
        this._dispatch("ready", { widget: w });
      }, (error) => {
        this._starting = null;
        if (this.isConnected) this._notice = showStartFailure(this, error);
        this._dispatch("error", errorPayload(error));
      });
    }

    disconnectedCallback() {
      if (this.widget) { this.widget.destroy(); this.widget = null; }
      this._clearNotice();
    }

    _clearNotice() {
      if (this._notice) { this._notice.remove(); this._notice = null; }
    }

    // After start: a new src loads, state attributes steer the view (problems come back as
    // landscape-warning, through the widget's own warning event).
    attributeChangedCallback(name, oldValue, value) {
      // An element that could not start starts again from a new src.
      if (!this.widget && !this._starting && this._notice && name === "src" && value && oldValue !== value) return this.connectedCallback();
      if (!this.widget || oldValue === value) return;
      if (name === "src" && value) this.widget.load(value).catch(() => {});
      else if (StateAttributes.includes(name) && value != null) this.widget.setState({ [name]: value });
    }

    _dispatch(type, detail) {
      this.dispatchEvent(new CustomEvent(`landscape-${type}`, { detail, bubbles: true, composed: true }));
    }
  }
  customElements.define("social-landscape", SocialLandscape);
}
