// Live behaviour of the wizard pages. The server is the authority: every check here is
// the server's own rule, asked through /api/wizard/<step>/check, so the browser shows
// exactly the message (and language) the server would. The same call saves the draft,
// so a refresh or a second tab loses nothing that was typed.
"use strict";

(function () {
  const DEBOUNCE_MS = 400;

  function setMessage(el, text, invalidClass) {
    if (!el) return;
    el.textContent = text || "";
    el.classList.toggle(invalidClass, Boolean(text));
  }

  function showFindings(form, findings, touched) {
    form.querySelectorAll("[data-field]").forEach((wrapper) => {
      const id = wrapper.dataset.field;
      const input = document.getElementById(id);
      const errorEl = document.getElementById(id + "-error");
      const warningEl = document.getElementById(id + "-warning");
      const error = findings.errors[id];
      const alreadyShown = errorEl && errorEl.textContent.trim() !== "";
      if (touched.has(id) || alreadyShown || form.dataset.submitted === "true") {
        setMessage(errorEl, error, "d-block");
        if (input) {
          input.classList.toggle("is-invalid", Boolean(error));
          if (error) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
        }
      }
      if (warningEl) {
        warningEl.textContent = findings.warnings[id] || "";
        warningEl.classList.toggle("d-none", !findings.warnings[id]);
      }
    });
    const summary = document.getElementById("error-summary");
    if (summary) {
      summary.querySelectorAll("li").forEach((li) => {
        const link = li.querySelector("a[href^='#']");
        if (link && !findings.errors[link.getAttribute("href").slice(1)]) li.remove();
      });
      if (!summary.querySelector("li")) summary.remove();
    }
  }

  // The role's validate_hostnames for the two FQDN fields: started on the server once the field's own
  // rule passed (the server decides; it never runs a value that fails its rule), then polled.
  const NAME_FIELDS = ["engineVmFqdn", "hostFqdn", "bridgeInterface", "bridgeName"];
  const NAME_POLL_MS = 700;

  function showNameChecks(views) {
    let checking = false;
    document.querySelectorAll("[data-name-check]").forEach((el) => {
      const view = views[el.dataset.nameCheck];
      el.dataset.state = view ? view.state : "none";
      el.querySelector(".name-check-text").textContent = view ? view.message : "";
      const details = el.querySelector(".name-check-detail");
      details.hidden = !(view && view.detail);
      details.querySelector(".name-check-original").textContent = view && view.detail ? view.detail : "";
      if (view && view.state === "checking") checking = true;
    });
    return checking;
  }

  async function nameChecks(form, start) {
    form.dataset.namesChecking = "true";
    try {
      const response = await window.hew.request("/api/wizard/vm/names", { method: start ? "POST" : "GET" });
      if (!response) return;
      if (response.ok && showNameChecks(await response.json())) {
        setTimeout(() => nameChecks(form, false), NAME_POLL_MS);
        return;
      }
    } catch (e) {
      // Offline for a moment: Next asks the server, which checks again.
    }
    delete form.dataset.namesChecking;
  }

  // Next was stopped only because a check still ran (the server never waits for one): follow the
  // checks, and once none is running choose Next again for the user; the server then goes on, or
  // shows the check's failure at its field. Typing meanwhile cancels it. At most a few minutes of
  // asking again, counted across the pages this draws.
  const CONTINUE_LIMIT = 200;

  async function continueWhenChecked(form) {
    const asked = Number(sessionStorage.getItem("hew-continue") || "0");
    if (asked >= CONTINUE_LIMIT) return;
    await new Promise((resolve) => setTimeout(resolve, NAME_POLL_MS));
    if (form.dataset.continueWhenChecked !== "true") return;
    try {
      const response = await window.hew.request("/api/wizard/vm/names", { method: "GET" });
      if (!response) return;
      if (response.ok && showNameChecks(await response.json())) {
        continueWhenChecked(form);
        return;
      }
    } catch (e) {
      // Offline for a moment: ask again below.
    }
    if (form.dataset.continueWhenChecked !== "true") return;
    sessionStorage.setItem("hew-continue", String(asked + 1));
    const next = document.getElementById("next");
    if (next) form.requestSubmit(next);
  }

  function liveChecks(form) {
    const step = form.dataset.step;
    const touched = new Set();
    let latest = 0;
    let pending = 0;
    let timer = null;

    async function check(field) {
      const ticket = ++latest;
      pending++;
      form.dataset.checking = "true";
      try {
        const response = await window.hew.request("/api/wizard/" + step + "/check", {
          method: "POST",
          body: new URLSearchParams(new FormData(form)),
        });
        // The session ended (idle timeout): the login form comes back here; the draft is kept.
        if (!response) return;
        if (response.ok && ticket === latest) {
          const findings = await response.json();
          showFindings(form, findings, touched);
          if (step === "vm" && NAME_FIELDS.includes(field) && document.querySelector("[data-name-check]")) {
            nameChecks(form, true);
          }
        }
      } catch (e) {
        // Offline for a moment: the server checks everything again on Next.
      } finally {
        pending--;
        if (pending === 0) delete form.dataset.checking;
      }
    }

    function soon() {
      clearTimeout(timer);
      timer = setTimeout(check, DEBOUNCE_MS);
    }

    form.addEventListener("focusout", (event) => {
      if (!event.target.name) return;
      touched.add(event.target.name);
      clearTimeout(timer);
      check(event.target.name);
    });
    form.addEventListener("change", (event) => {
      if (!event.target.name) return;
      touched.add(event.target.name);
      window.hew.applyShowWhen(form);
      clearTimeout(timer);
      check(event.target.name);
    });
    form.addEventListener("input", (event) => {
      if (!event.target.name) return;
      // Typing again means the user is not waiting to move on.
      delete form.dataset.continueWhenChecked;
      soon();
    });
  }

  function passwordToggles(root) {
    root.querySelectorAll("[data-toggle-password]").forEach((button) => {
      button.addEventListener("click", () => {
        const input = document.getElementById(button.dataset.togglePassword);
        const show = input.type === "password";
        input.type = show ? "text" : "password";
        button.setAttribute("aria-pressed", String(show));
        button.textContent = show ? button.dataset.hideText : button.dataset.showText;
      });
    });
  }

  // Choosing an iSCSI target lists its LUNs at once, as pressing "Show LUNs" would.
  function targetChoice(form) {
    const button = document.getElementById("iscsi-choose-target");
    if (!button) return;
    form.querySelectorAll("input[name=iscsiTargetChoice]").forEach((radio) => {
      radio.addEventListener("change", () => form.requestSubmit(button));
    });
  }

  // Storage discovery runs the role in the background (seconds; a minute on a slow engine). While it
  // runs, the discovery buttons are disabled and the page asks the server every half second; when it
  // has ended, the page is drawn again with the targets, the LUNs, or why there are none. A live
  // check still saving what was typed is waited for first, so nothing is lost.
  const POLL_MS = 500;
  function awaitDiscovery(form) {
    const running = document.querySelector("[data-discovery-state=running]");
    if (!running) return;
    form.querySelectorAll("[data-discovery-button]").forEach((b) => { b.disabled = true; });
    form.setAttribute("aria-busy", "true");
    async function poll() {
      try {
        const response = await window.hew.request("/api/wizard/storage/discovery", { cache: "no-store" });
        if (!response) return;
        if (response.ok) {
          const status = await response.json();
          if (status.state !== "running" && form.dataset.checking !== "true") {
            // The address is already /wizard/storage#discovery-<kind> (the server's redirect): a
            // reload draws the page again there (assigning the same address would only scroll).
            window.location.reload();
            return;
          }
        }
      } catch (e) {
        // Offline for a moment: ask again.
      }
      setTimeout(poll, POLL_MS);
    }
    setTimeout(poll, POLL_MS);
  }

  // Choosing Fibre Channel lists this host's FC LUNs at once (FIELDS.md, "Flow"), as "Discover" would.
  function fcOnChoice(form) {
    const button = document.getElementById("fc-discover");
    const type = form.elements.namedItem("storageType");
    if (!button || !type) return;
    type.addEventListener("change", () => {
      if (type.value === "fc" && !button.disabled) form.requestSubmit(button);
    });
  }

  // A discovery button says what it is doing from the moment it is pressed.
  function busyButtons(form) {
    form.addEventListener("submit", (event) => {
      const button = event.submitter;
      if (button && button.hasAttribute("data-discovery-button")) form.setAttribute("aria-busy", "true");
    });
  }

  // The pre-flight list waits for the host's reading (an Ansible run the server never waits for):
  // follow it, and draw the page again once the checks can be shown.
  const PREFLIGHT_POLL_MS = 1000;

  async function awaitPreflight() {
    try {
      const response = await window.hew.request("/api/wizard/prepare/preflight", { method: "GET" });
      if (!response) return;
      if (response.ok && !(await response.json()).pending) {
        window.location.reload();
        return;
      }
    } catch (e) {
      // Offline for a moment: ask again.
    }
    setTimeout(awaitPreflight, PREFLIGHT_POLL_MS);
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (document.querySelector("[data-preflight-pending]")) setTimeout(awaitPreflight, PREFLIGHT_POLL_MS);
    document.querySelectorAll("form[data-step]").forEach((form) => {
      window.hew.applyShowWhen(form);
      liveChecks(form);
      targetChoice(form);
      if (form.dataset.step === "storage") {
        fcOnChoice(form);
        busyButtons(form);
        awaitDiscovery(form);
      }
      // Next stopped by a check still running: follow it and go on; else a check under way: follow it.
      if (form.dataset.continueWhenChecked === "true") continueWhenChecked(form);
      else {
        sessionStorage.removeItem("hew-continue");
        if (document.querySelector("[data-name-check][data-state=checking]")) nameChecks(form, false);
      }
      form.addEventListener("submit", () => { form.dataset.submitted = "true"; });
    });
    passwordToggles(document);
    const summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  });
})();
