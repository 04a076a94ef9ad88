// The deployment host page: shows the SSH fields only for "another host", and the key file or
// the password field for the way of logging in chosen. Without JavaScript every field shows.
"use strict";

(function () {
  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("host-form");
    if (!form) return;
    window.hew.applyShowWhen(form);
    form.addEventListener("change", () => window.hew.applyShowWhen(form));
  });
})();
