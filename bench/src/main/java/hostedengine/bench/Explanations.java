package hostedengine.bench;

/**
 * Why a target is missed, where the cause is known; the report puts the measured numbers
 * before it. Keep these true when the server changes (bench/README.md says how they were found).
 */
final class Explanations {
    private Explanations() {}

    static final String OVERHEAD = "(a) and (c) run the very same ansible-playbook commands; the server adds the vars file and "
            + "the secrets FIFO, setsid and run-phase, notices each tag's rc on its 100 ms state check before it starts the "
            + "next tag, and reads, numbers, redacts and sends every event while Ansible runs. Ansible is CPU-bound here "
            + "(about 25 ms of CPU per debug task), so every CPU cycle the server and the bench's SSE client take on the "
            + "2 shared CPUs stretches the tags themselves: compare the tag rows of the breakdown.";
    static final String LATENCY = "The follower reads the events file every 10 ms; each client has its own delivery "
            + "thread, which writes whatever is waiting in one burst with one flush. What is left at 2,000 events/s to 50 "
            + "clients is CPU: 100,000 deliveries a second (the event's JSON is made once per client) on 2 CPUs shared with "
            + "the bench's 50 client threads and, on a shared machine, with other work.";
    static final String LOST = "A client that falls 4,096 events behind is dropped (EventSource then resumes by id with "
            + "nothing lost); the bench's clients do not reconnect, so such a drop counts here as lost events.";
    static final String REPLAY = "The page asks for its last 500 events and the progress up to them; the server counts that "
            + "progress by parsing every earlier event once (one pass over events.jsonl, since this change; it was one "
            + "pass per page of 1,000 before). A progress checkpoint kept by the follower would remove even that pass.";
    static final String COLD_START = "Before it listens the server starts the JVM, loads and links some 4,600 classes "
            + "(Javalin, Jetty, Jackson, Thymeleaf; the class-data archive maps most of them ready-made), unpacks the playbooks and "
            + "static files into the state directory and reads the host's facts; on a loaded machine each of these waits for a CPU.";
    static final String MEMORY = "Heap, metaspace, code and thread stacks are bounded by packaging/jvm.options (see "
            + "docs/jvm-options.md); what is left is the live data of the streams at that load and the JIT's own memory.";
    static final String PAGE_WEIGHT = "";
    static final String FLOOD = "Jetty's multipart parser spools a part larger than its in-memory size to a file before the "
            + "route sees the request; the login route must refuse a multipart body (or any body over a few KiB) before reading it.";
}
