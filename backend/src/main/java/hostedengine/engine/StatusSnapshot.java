package hostedengine.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * One reading of the engine's state as every viewer gets it: when, on which host, the status or
 * the problem (with the tool's own words), and the diagnosis.
 *
 * @param on the host whose {@code hosted-engine} was asked
 */
public record StatusSnapshot(Instant time, Optional<VmStatus> status, Optional<StatusProblem> problem, String output,
                             Optional<Diagnosis> diagnosis, TargetHost on) {
    public StatusSnapshot {
        on = on == null ? TargetHost.THIS_HOST : on;
    }

    public StatusSnapshot(Instant time, Optional<VmStatus> status, Optional<StatusProblem> problem, String output,
                          Optional<Diagnosis> diagnosis) {
        this(time, status, problem, output, diagnosis, TargetHost.THIS_HOST);
    }

    public static StatusSnapshot of(Instant time, VmStatus.Reading reading) { return of(time, reading, TargetHost.THIS_HOST); }

    public static StatusSnapshot of(Instant time, VmStatus.Reading reading, TargetHost on) {
        Optional<Diagnosis> diagnosis = reading.status().isPresent()
                ? Diagnosis.of(reading.status().get())
                : reading.problem().flatMap(Diagnosis::of);
        return new StatusSnapshot(time, reading.status(), reading.problem(), reading.output(), diagnosis, on);
    }
}
