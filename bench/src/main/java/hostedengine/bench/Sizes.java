package hostedengine.bench;

/**
 * How big each benchmark is. The full sizes are the issue's; {@code --quick} runs every
 * benchmark at a tiny size, to show the harness still works (bin/test's smoke test).
 *
 * @param tasks         tasks of the generated playbook (half per Prepare VM tag)
 * @param overheadReps  repetitions of (a), (b) and (c)
 * @param clients       SSE client counts of the latency benchmark
 * @param rates         events per second of the latency benchmark
 * @param secondsSlow   seconds of appending at the rates below 1,000/s
 * @param secondsFast   seconds of appending at 1,000/s and more
 * @param replayEvents  events in the run a late viewer replays
 * @param replayReps    repetitions of each replay
 * @param coldStarts    server starts for the cold-start time (each of the three ways)
 * @param limits        the limits benchmark's sizes
 */
record Sizes(String name, boolean quick, int tasks, int overheadReps, int[] clients, int[] rates, double secondsSlow,
             double secondsFast, int replayEvents, int replayReps, int coldStarts, Limits limits) {
    /**
     * @param users       logged-in users walking the wizard at once
     * @param walks       walks of VM, Engine, Storage per user
     * @param floods      anonymous multipart bodies sent at once
     * @param floodBytes  bytes of each
     * @param nameChecks  FQDN-check requests within one second
     */
    record Limits(int users, int walks, int floods, long floodBytes, int nameChecks) {}

    static final Sizes FULL = new Sizes("full", false, 2000, 3, new int[] {1, 10, 50}, new int[] {200, 2000}, 10, 5,
            100_000, 3, 5, new Limits(200, 3, 4, 1L << 30, 100));
    static final Sizes QUICK = new Sizes("quick", true, 50, 1, new int[] {1, 2}, new int[] {200, 2000}, 1, 0.25,
            2_000, 1, 1, new Limits(4, 1, 2, 16L << 20, 10));

    Sizes withOverheadReps(int reps) {
        return new Sizes(name, quick, tasks, reps, clients, rates, secondsSlow, secondsFast, replayEvents, replayReps, coldStarts, limits);
    }

    Sizes withReplayEvents(int events) {
        return new Sizes(name, quick, tasks, overheadReps, clients, rates, secondsSlow, secondsFast, events, replayReps, coldStarts, limits);
    }

    /** The latency benchmark at its hardest setting only (for the JVM flags side by side). */
    Sizes hardestLatencyOnly() {
        return new Sizes(name, quick, tasks, overheadReps, new int[] {maxClients()}, new int[] {maxRate()}, secondsSlow, secondsFast,
                replayEvents, replayReps, coldStarts, limits);
    }

    int users() { return limits.users(); }

    int walks() { return limits.walks(); }

    int floods() { return limits.floods(); }

    long floodBytes() { return limits.floodBytes(); }

    int nameChecks() { return limits.nameChecks(); }

    int maxClients() { return clients[clients.length - 1]; }

    int maxRate() { return rates[rates.length - 1]; }
}
