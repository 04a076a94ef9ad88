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

  return { request, applyShowWhen };
})();
