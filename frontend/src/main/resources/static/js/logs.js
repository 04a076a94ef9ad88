// The logs page: follows the agent's and broker's logs live. Every 2 s it asks the server for the
// bytes added since the last offset (at most 64 KiB a time), appends the whole lines that match
// the search box (ignoring case, the matches marked), and keeps at most MAX_LINES lines.
"use strict";

(function () {
  const section = document.getElementById("log");
  const follow = document.getElementById("log-follow");
  const list = document.getElementById("log-lines");
  const state = document.getElementById("log-follow-state");
  if (!section || !follow || !list || section.dataset.follow !== "true") return;
  const MAX_LINES = 5000;
  const INTERVAL_MS = 2000;
  const query = (section.dataset.query || "").toLowerCase();
  let offset = Number(section.dataset.offset || "0");
  let timer = null;
  let asking = false;

  function lineItem(text) {
    const li = document.createElement("li");
    if (!query) {
      li.textContent = text;
      return li;
    }
    const lower = text.toLowerCase();
    let from = 0;
    for (let at = lower.indexOf(query); at >= 0; at = lower.indexOf(query, from)) {
      if (at > from) li.appendChild(document.createTextNode(text.slice(from, at)));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(at, at + query.length);
      li.appendChild(mark);
      from = at + query.length;
    }
    if (from < text.length) li.appendChild(document.createTextNode(text.slice(from)));
    return li;
  }

  function append(text) {
    const lines = text.split("\n");
    if (lines.length && lines[lines.length - 1] === "") lines.pop();
    lines.forEach((line) => {
      if (query && !line.toLowerCase().includes(query)) return;
      list.appendChild(lineItem(line.replace(/\r$/, "")));
    });
    while (list.children.length > MAX_LINES) list.removeChild(list.firstChild);
    const empty = document.getElementById("log-empty");
    if (empty && list.children.length) empty.hidden = true;
  }

  async function poll() {
    timer = null;
    asking = true;
    try {
      const url = "/api/logs/follow?log=" + encodeURIComponent(section.dataset.log) + "&offset=" + offset;
      const response = await window.hew.request(url);
      if (response && response.ok) {
        const chunk = await response.json();
        if (chunk.restarted) state.textContent = state.dataset.restarted;
        offset = chunk.offset;
        section.dataset.offset = String(offset);
        if (chunk.text) append(chunk.text);
      }
    } finally {
      asking = false;
      if (follow.checked && timer === null) timer = window.setTimeout(poll, INTERVAL_MS);
    }
  }

  // One poll at a time: a poll still waiting for its answer schedules the next itself.
  function start() {
    state.textContent = state.dataset.following;
    if (timer === null && !asking) timer = window.setTimeout(poll, INTERVAL_MS);
  }

  follow.addEventListener("change", () => {
    if (follow.checked) {
      start();
    } else {
      window.clearTimeout(timer);
      timer = null;
      state.textContent = state.dataset.stopped;
    }
  });
  start();
})();
