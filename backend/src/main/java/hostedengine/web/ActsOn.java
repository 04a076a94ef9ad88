package hostedengine.web;

import hostedengine.engine.TargetHost;
import hostedengine.messages.Messages;
import java.util.Locale;

/**
 * The line each day-2 page and result shows: which host the action acts on ("On this host", "On
 * root@hv1 (remote, over SSH)"), and for a remote host that cannot be used now, why and that it
 * must be connected first (the page links the host page).
 *
 * @param id        {@code local}, {@code remote} or {@code notConnected} (the pages' {@code data-acts-on})
 * @param host      the host's label, as the audit log names it
 */
record ActsOn(String id, String host, String text, boolean connected) {
    static ActsOn of(TargetHost on, Messages messages, Locale locale) {
        if (on.local()) return new ActsOn("local", on.label(), messages.text(locale, "day2.on.local"), true);
        if (on.connected()) return new ActsOn("remote", on.label(), messages.text(locale, "day2.on.remote", on.label()), true);
        String why = messages.text(locale, on.notConnectedKey().orElseThrow());
        return new ActsOn("notConnected", on.label(), messages.text(locale, "day2.on.notConnected", on.label(), why), false);
    }
}
