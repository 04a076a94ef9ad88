package hostedengine.web;

import hostedengine.ansible.AnsibleTarget;
import hostedengine.host.HostFactsSource;
import hostedengine.host.HostReadings;
import hostedengine.messages.Messages;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/** The VM page's line about the host facts (when they were read, by whom) and its Refresh button. */
final class HostFactsViews {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private final HostFactsSource collector;
    private final Supplier<String> localVmDirPath;
    private final Messages messages;

    HostFactsViews(HostFactsSource collector, Supplier<String> localVmDirPath, Messages messages) {
        this.collector = collector;
        this.localVmDirPath = localVmDirPath;
        this.messages = messages;
    }

    /**
     * @param state  "reading" (no readings yet, or a refresh under way) or "read"
     * @param text   the sentence the page shows
     * @param source "role", "simulator" or "unfiltered": who chose the NICs offered
     */
    record View(String state, String text, String source, String problem) {}

    View view(Locale locale) {
        var current = collector.current();
        boolean reading = collector.reading() || current.isEmpty();
        String state = reading ? "reading" : "read";
        if (current.isEmpty()) return new View(state, messages.text(locale, "facts.readingFirst"), null, null);
        HostReadings r = current.get();
        String time = TIME.format(r.readAt().atZone(ZoneId.systemDefault()));
        String source = r.nicSource().name().toLowerCase(Locale.ROOT);
        String host = r.target().equals(AnsibleTarget.LOCAL.label()) ? messages.text(locale, "facts.thisHost") : r.target();
        String text = messages.text(locale, reading ? "facts.refreshing" : "facts.readAt", time, host)
                + " " + messages.text(locale, "facts.nics." + source);
        return new View(state, text, source, r.problem());
    }

    /** POST /wizard/facts/refresh: reads the host again in the background and shows the VM step. */
    void refresh(Context ctx) {
        collector.refresh(localVmDirPath.get());
        ctx.redirect("/wizard/vm");
    }
}
