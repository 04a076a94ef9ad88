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
 * @param coldStarts    server starts for the cold-start time
 */
record Sizes(String name, boolean quick, int tasks, int overheadReps, int[] clients, int[] rates, double secondsSlow,
             double secondsFast, int replayEvents, int replayReps, int coldStarts) {
    static final Sizes FULL = new Sizes("full", false, 2000, 3, new int[] {1, 10, 50}, new int[] {200, 2000}, 10, 5,
            100_000, 3, 5);
    static final Sizes QUICK = new Sizes("quick", true, 50, 1, new int[] {1, 2}, new int[] {200, 2000}, 1, 0.25,
            2_000, 1, 2);

    Sizes withOverheadReps(int reps) {
        return new Sizes(name, quick, tasks, reps, clients, rates, secondsSlow, secondsFast, replayEvents, replayReps, coldStarts);
    }

    Sizes withReplayEvents(int events) {
        return new Sizes(name, quick, tasks, overheadReps, clients, rates, secondsSlow, secondsFast, events, replayReps, coldStarts);
    }

    int maxClients() { return clients[clients.length - 1]; }

    int maxRate() { return rates[rates.length - 1]; }
}
