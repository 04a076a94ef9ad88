package hostedengine.web;

import hostedengine.engine.HostStatus;
import hostedengine.engine.StatusSnapshot;
import hostedengine.messages.Messages;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A status snapshot as the page and its event stream show it (the template reads these fields,
 * the "status" event is their JSON), texts already in the viewer's language.
 *
 * @param engineHostId   the host that runs the engine VM, or null
 * @param diagnosisSteps the diagnosis's steps, one a line (empty without a diagnosis)
 * @param hostIds        the hosts' ids joined by commas: the page reloads when the set changes
 * @param problem        why the status could not be read, or null
 * @param diagnosis      what the engine's state means and what to do, or null
 * @param actsOn         the host whose hosted-engine was read (this one, or the deployment host over SSH)
 */
record StatusView(String time, boolean globalMaintenance, Integer engineHostId, String engineHostname,
                  List<HostView> hosts, List<String> diagnosisSteps, String hostIds, Problem problem,
                  Diagnosis diagnosis, ActsOn actsOn) {

    /** The command's failure: its id, the sentence, and the command's own output. */
    record Problem(String id, String text, String output) {}

    record Diagnosis(String id, String explanation, List<String> steps) {}

    /** One host's line of {@code hosted-engine --vm-status --json}. */
    record HostView(int hostId, String hostname, long hostTs, int score, String vm, String health, String detail,
                    String reason, boolean localMaintenance, boolean stopped, String crc32, boolean confOnSharedStorage,
                    long localConfTimestamp, boolean liveData, String agentState, boolean runsEngineVm, String extra) {
        static HostView of(HostStatus h) {
            return new HostView(h.hostId(), h.hostname(), h.hostTs(), h.score(), h.engine().vm(), h.engine().health(),
                    h.engine().detail(), h.engine().reason(), h.localMaintenance(), h.stopped(), h.crc32(),
                    h.confOnSharedStorage(), h.localConfTimestamp(), h.liveData(), h.agentState(), h.runsEngineVm(),
                    h.extra());
        }
    }

    static StatusView of(StatusSnapshot s, Messages messages, Locale locale) {
        var engineHost = s.status().flatMap(v -> v.engineHost());
        List<HostStatus> hosts = s.status().map(v -> v.hosts()).orElse(List.of());
        var diagnosis = s.diagnosis().map(d -> new Diagnosis(d.id(), messages.text(locale, d.explanationKey()),
                steps(messages.text(locale, d.stepsKey()))));
        return new StatusView(s.time().toString(),
                s.status().map(v -> v.globalMaintenance()).orElse(false),
                engineHost.map(HostStatus::hostId).orElse(null),
                engineHost.map(HostStatus::hostname).orElse(null),
                hosts.stream().map(HostView::of).toList(),
                diagnosis.map(Diagnosis::steps).orElse(List.of()),
                hosts.stream().map(h -> String.valueOf(h.hostId())).collect(Collectors.joining(",")),
                s.problem().map(p -> new Problem(p.name(), messages.text(locale, p.messageKey()), s.output())).orElse(null),
                diagnosis.orElse(null), ActsOn.of(s.on(), messages, locale));
    }

    /** Steps are one message, one step a line. */
    private static List<String> steps(String text) {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
