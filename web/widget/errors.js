// Errors: the one shape of the `error` event and of every rejection (docs/embedding.md: "the same error
// object as the `error` event"), so a host handles a failed load the same way wherever it sees it.

// An Error carrying the contract's fields: `problems` (the loader's located problems), and where
// they apply `status` (HTTP), `kind` ("http", "network", "timeout", "html", "truncated",
// "aborted") and `retry` (the error panel offers a Retry button).
export function lsError(message, problems = [], extra = {}) {
  const error = new Error(message);
  error.problems = problems;
  Object.assign(error, extra);
  return error;
}

// The `error` event's detail and `landscape-error`'s: plain data, no Error object to clone.
export function errorPayload(error) {
  return { message: error.message, problems: error.problems || [], status: error.status, kind: error.kind };
}
