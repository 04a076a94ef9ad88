/*
 * Virtualization > Hosted Engine: frames the Hosted Engine Wizard's own server.
 *
 * The wizard keeps its own login and session: a framed page cannot reach Cockpit's session, and
 * the wizard's cookie (SameSite=Strict) is sent in this frame only because Cockpit and the wizard
 * are the same site (same scheme and host name; ports do not count). config.json is written by
 * install-plugin from /etc/hosted-engine-wizard/hosted-engine-wizard.conf.
 */
(function () {
    "use strict";

    var cockpit = window.cockpit;
    var _ = cockpit ? cockpit.gettext : function (text) { return text; };

    function format(text, values) {
        return text.replace(/\$(\d)/g, function (all, i) { return values[Number(i)]; });
    }

    function translatePage() {
        document.documentElement.lang = cockpit && cockpit.language ? cockpit.language : "en";
        document.querySelectorAll("[data-text]").forEach(function (element) {
            element.textContent = _(element.getAttribute("data-text"));
        });
        document.getElementById("he-wizard").title = _("Hosted Engine Wizard");
        document.title = _("Virtualization");
    }

    // The wizard answers in the language Cockpit shows, whatever the browser's Accept-Language.
    function withLanguage(url) {
        var language = cockpit && cockpit.language && cockpit.language.indexOf("ja") === 0 ? "ja" : "en";
        return url + (url.indexOf("?") < 0 ? "?" : "&") + "lang=" + language;
    }

    function showProblem(text) {
        var problem = document.getElementById("he-problem");
        problem.textContent = text;
        problem.hidden = false;
    }

    function offerLink(url) {
        var link = document.getElementById("he-open-wizard");
        link.href = withLanguage(url);
        link.hidden = false;
    }

    function show(config) {
        var guessed = config.scheme + "://" + window.location.hostname + ":" + config.port + "/";
        if (!config.cockpitOrigin) {
            showProblem(format(_("The wizard cannot show here yet: set cockpit-origin = $0 in $1, " +
                "then run hosted-engine-wizard-cockpit-setup and restart hosted-engine-wizard."),
                [window.location.origin, config.configFile]));
            offerLink(guessed);
            return;
        }
        if (config.cockpitOrigin !== window.location.origin) {
            showProblem(format(_("The wizard lets only Cockpit at $0 show it, but this Cockpit was opened " +
                "at $1. Open Cockpit at $0, or change cockpit-origin in $2."),
                [config.cockpitOrigin, window.location.origin, config.configFile]));
            offerLink(config.wizardUrl);
            return;
        }
        var frame = document.getElementById("he-wizard");
        frame.src = withLanguage(config.wizardUrl);
        frame.hidden = false;
        offerLink(config.wizardUrl);
    }

    function start() {
        translatePage();
        fetch("config.json", { cache: "no-store" })
            .then(function (response) {
                if (!response.ok) throw new Error(response.status + " " + response.statusText);
                return response.json();
            })
            .then(show)
            .catch(function (error) {
                showProblem(format(_("The plugin's config.json cannot be read ($0): run " +
                    "hosted-engine-wizard-cockpit-setup."), [String(error.message || error)]));
            });
    }

    start();
}());
