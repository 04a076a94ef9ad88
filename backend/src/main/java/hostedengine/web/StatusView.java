package hostedengine.web;

import hostedengine.engine.HostStatus;
import hostedengine.engine.StatusSnapshot;
import hostedengine.messages.Messages;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A status snapshot as the page and its event stream show it, texts already in the viewer's language. */
final class StatusView {
    private StatusView() {}

    static Map<String, Object> of(StatusSnapshot s, Messages messages, Locale locale) {
        var m = new LinkedHashMap<String, Object>();
        m.put("time", s.time().toString());
        m.put("globalMaintenance", s.status().map(v -> v.globalMaintenance()).orElse(false));
        m.put("engineHostId", s.status().flatMap(v -> v.engineHost()).map(HostStatus::hostId).orElse(null));
        m.put("engineHostname", s.status().flatMap(v -> v.engineHost()).map(HostStatus::hostname).orElse(null));
        m.put("hosts", s.status().map(v -> v.hosts().stream().map(StatusView::host).toList()).orElse(List.of()));
        m.put("diagnosisSteps", s.diagnosis().map(d -> steps(messages.text(locale, d.stepsKey()))).orElse(List.of()));
        m.put("hostIds", s.status().map(v -> v.hosts().stream().map(h -> String.valueOf(h.hostId()))
                .collect(java.util.stream.Collectors.joining(","))).orElse(""));
        m.put("problem", s.problem().map(p -> Map.of("id", p.name(), "text", messages.text(locale, p.messageKey()),
                "output", s.output())).orElse(null));
        m.put("diagnosis", s.diagnosis().map(d -> Map.of("id", d.id(),
                "explanation", messages.text(locale, d.explanationKey()),
                "steps", steps(messages.text(locale, d.stepsKey())))).orElse(null));
        return m;
    }

    /** Steps are one message, one step a line. */
    private static List<String> steps(String text) {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static Map<String, Object> host(HostStatus h) {
        var m = new LinkedHashMap<String, Object>();
        m.put("hostId", h.hostId());
        m.put("hostname", h.hostname());
        m.put("hostTs", h.hostTs());
        m.put("score", h.score());
        m.put("vm", h.engine().vm());
        m.put("health", h.engine().health());
        m.put("detail", h.engine().detail());
        m.put("reason", h.engine().reason());
        m.put("localMaintenance", h.localMaintenance());
        m.put("stopped", h.stopped());
        m.put("crc32", h.crc32());
        m.put("confOnSharedStorage", h.confOnSharedStorage());
        m.put("localConfTimestamp", h.localConfTimestamp());
        m.put("liveData", h.liveData());
        m.put("agentState", h.agentState());
        m.put("runsEngineVm", h.runsEngineVm());
        m.put("extra", h.extra());
        return m;
    }
}
