package hostedengine.preflight;

import java.util.List;

/**
 * One pre-flight check's finding, in one shape for every check. The page's words come from the
 * message bundles: {@code preflight.<id>.title}, {@code preflight.<id>.about} (what it means),
 * {@code preflight.<id>.<outcome>} (what was found, with {@code args}) and, unless it passed,
 * {@code preflight.<id>.<outcome>.fix} (how to fix it).
 *
 * @param simulated true when the simulator answered (a check that needs a hypervisor)
 */
public record Check(String id, Status status, String outcome, List<String> args, boolean simulated) {
    public enum Status { PASS, WARNING, FAILURE }

    public Check {
        args = List.copyOf(args);
    }

    static Check pass(String id, String outcome, Object... args) { return of(id, Status.PASS, outcome, false, args); }

    static Check warning(String id, String outcome, Object... args) { return of(id, Status.WARNING, outcome, false, args); }

    static Check failure(String id, String outcome, Object... args) { return of(id, Status.FAILURE, outcome, false, args); }

    static Check simulated(String id) { return of(id, Status.PASS, "simulated", true); }

    private static Check of(String id, Status status, String outcome, boolean simulated, Object... args) {
        return new Check(id, status, outcome, java.util.Arrays.stream(args).map(String::valueOf).toList(), simulated);
    }

    public boolean blocks() { return status == Status.FAILURE; }
}
