package hostedengine.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * One reading of the engine's state as every viewer gets it: when, the status or the problem
 * (with the tool's own words), and the diagnosis.
 */
public record StatusSnapshot(Instant time, Optional<VmStatus> status, Optional<StatusProblem> problem, String output,
                             Optional<Diagnosis> diagnosis) {

    public static StatusSnapshot of(Instant time, VmStatus.Reading reading) {
        Optional<Diagnosis> diagnosis = reading.status().isPresent()
                ? Diagnosis.of(reading.status().get())
                : reading.problem().flatMap(Diagnosis::of);
        return new StatusSnapshot(time, reading.status(), reading.problem(), reading.output(), diagnosis);
    }
}
