// What every page's script shares: asking the server (JSON, the session's CSRF token, a session
// that has ended sends the user to log in and back) and showing a section only for some answers.
"use strict";

window.hew = (function () {
  // Every state-changing request carries the session's CSRF token (the server refuses it otherwise).
  function csrfToken() {
    const meta = document.querySelector("meta[name='csrf-token']");
    return meta ? meta.content : "";
  }

  // fetch with the session: JSON accepted, the CSRF token on anything but GET. When the session
  // has ended (401, the idle timeout) the page goes to the login form, which comes back here; the
  // answer is then null. Other answers are the caller's to judge.
  async function request(url, options) {
    const o = Object.assign({ credentials: "same-origin" }, options || {});
    o.headers = Object.assign({ "Accept": "application/json" }, o.headers || {});
    const method = (o.method || "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD") o.headers["X-CSRF-Token"] = csrfToken();
    const response = await fetch(url, o);
    if (response.status === 401) {
      window.location.assign("/login?next=" + encodeURIComponent(window.location.pathname));
      return null;
    }
    return response;
  }

  // Sections marked data-show-when="field=a,b" are shown only while that field of the form (a text
  // field, a list or a group of radio buttons) has one of the values. Without JavaScript all show.
  function applyShowWhen(form) {
    form.querySelectorAll("[data-show-when]").forEach((section) => {
      const [name, values] = section.dataset.showWhen.split("=");
      const field = form.elements.namedItem(name);
      const value = field && field.value !== undefined ? field.value : "";
      section.hidden = !values.split(",").includes(value);
    });
  }

  // A live stream (server-sent events) with polling in its place. The server refuses a stream over
  // its caps (per browser session, overall) with 429 before any event, but EventSource cannot read
  // a status: any answer that is not a stream (429, 401, 204, 5xx) only shows as an "error" with
  // readyState CLOSED, and EventSource does not retry it. A lost connection shows as CONNECTING
  // instead, and EventSource retries by itself. So the stream is given up when it is CLOSED, or
  // after FAILURES errors with no event in between (it keeps failing); then `poll` runs at once and
  // every few seconds, asking the page's JSON route. The JSON answer tells the page what it needs:
  // a 401 there sends the user to log in (request), a finished run or cleanup stops the polling.
  // Probing the stream URL with fetch before opening it was not chosen: a probe that is granted a
  // stream holds a place under the cap, and the cap may be reached between probe and stream anyway.
  // `poll` resolves true to go on, false to stop; the note "live updates are unavailable, this
  // page refreshes every N seconds" shows while polling goes on.
  const FAILURES = 3;

  function follow(url, handlers, poll) {
    const source = new EventSource(url);
    let failures = 0;
    for (const [name, handle] of Object.entries(handlers)) {
      source.addEventListener(name, (m) => { failures = 0; handle(m, source); });
    }
    source.addEventListener("error", () => {
      failures++;
      if (source.readyState !== EventSource.CLOSED && failures < FAILURES) return;
      source.close();
      startPolling(poll);
    });
    return source;
  }

  function startPolling(poll) {
    const note = document.getElementById("live-note");
    const seconds = (note && Number(note.dataset.seconds)) || 5;
    const tick = async () => {
      let more;
      try {
        more = await poll();
      } catch (e) {
        more = true; // a failed poll is tried again at the next tick
      }
      if (note) note.hidden = !more;
      if (!more) { delete document.body.dataset.polling; return; }
      document.body.dataset.polling = "true";
      setTimeout(tick, seconds * 1000);
    };
    tick();
  }

  return { request, applyShowWhen, follow };
})();
