package hostedengine.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

// Over 200 lines: three small measurements of the server's limits that share their helpers.
/**
 * 6. Limits: (a) many logged-in users walking the wizard at once; (b) an anonymous flood of huge
 * multipart bodies to /login, sent as a raw stream; (c) a burst of FQDN checks from one user.
 */
final class LimitsBench {
    /** RoleHostnameChecks.MAX_PENDING: checks that wait or run at once. */
    static final int NAME_CHECK_CAP = 4;

    private final Sizes sizes;
    private final WizardServer server;

    // (a)
    int users;
    long walkRequests;
    double walkSeconds;
    long checkP50;
    long checkP99;
    long walkErrors;
    // (b)
    int floods;
    long floodBodyBytes;
    long floodSentBytes;
    List<String> floodAnswers = new ArrayList<>();
    long floodWriteBytes;
    long floodStateGrowth;
    long floodTmpGrowth;
    long floodRssMaxKb;
    List<Double> loginSecondsDuring = new ArrayList<>();
    long loginFailuresDuring;
    // (c)
    int nameRequests;
    double nameSeconds;
    int ansibleProcesses;
    int ansibleMaxAtOnce;
    int newRuns;

    LimitsBench(Sizes sizes, WizardServer server) {
        this.sizes = sizes;
        this.server = server;
    }

    /** (a) Each user logs in (a link of their own), then walks VM, Engine and Storage: GET the step, POST its check. */
    void users() throws Exception {
        users = sizes.users();
        List<WizardServer> sessions = new ArrayList<>();
        Bench.progress("limits: " + users + " users log in");
        for (int i = 0; i < users; i++) sessions.add(server.anotherSession());
        List<Long> checks = Collections.synchronizedList(new ArrayList<>());
        long[] errors = new long[1];
        long[] requests = new long[1];
        ExecutorService pool = Executors.newFixedThreadPool(users);
        Bench.progress("limits: " + users + " users walk the wizard " + sizes.walks() + " time(s)");
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            WizardServer user = sessions.get(u);
            int n = u;
            done.add(pool.submit(() -> {
                for (int w = 0; w < sizes.walks(); w++) {
                    for (var step : walk(n).entrySet()) {
                        try {
                            int get = user.get("/wizard/" + step.getKey()).statusCode();
                            long c0 = System.nanoTime();
                            int check = user.post("/api/wizard/" + step.getKey() + "/check", step.getValue()).statusCode();
                            checks.add(System.nanoTime() - c0);
                            synchronized (requests) {
                                requests[0] += 2;
                                if (get != 200 || check != 200) errors[0]++;
                            }
                        } catch (IOException | InterruptedException e) {
                            synchronized (requests) { errors[0]++; }
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) f.get(10, TimeUnit.MINUTES);
        walkSeconds = Stats.s(System.nanoTime() - t0);
        pool.shutdown();
        walkRequests = requests[0];
        walkErrors = errors[0];
        long[] sorted = checks.stream().mapToLong(Long::longValue).sorted().toArray();
        checkP50 = Stats.percentile(sorted, 50);
        checkP99 = Stats.percentile(sorted, 99);
    }

    private static Map<String, Map<String, String>> walk(int user) {
        var steps = new java.util.LinkedHashMap<String, Map<String, String>>();
        steps.put("vm", Map.of("engineVmFqdn", "manager.example.com", "rootPassword", "Root-Secret-4711",
                "rootPasswordConfirm", "Root-Secret-4711"));
        steps.put("engine", Map.of("adminPassword", "Admin-Secret-0815", "adminPasswordConfirm", "Admin-Secret-0815",
                "smtpServer", "mail.example.com", "smtpPort", "587", "sourceEmail", "engine@example.com",
                "destEmails", "ops" + user + "@example.com"));
        steps.put("storage", Map.of("storageType", "nfs", "storageConnection", "storage.example.com:/exports/he" + user,
                "storageDomainName", "hosted_storage"));
        return steps;
    }

    /** (b) Several anonymous multipart bodies of {@code floodBytes} each to /login at once, while logins go on. */
    void flood() throws Exception {
        floods = sizes.floods();
        floodBodyBytes = sizes.floodBytes();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long stateBefore = Tools.treeBytes(server.stateDir());
        long tmpBefore = Tools.treeBytes(tmp);
        long ioBefore = writeBytes(server.pid());
        var sampler = new LatencyBench.RssSampler(server);
        ExecutorService pool = Executors.newFixedThreadPool(floods);
        List<Future<long[]>> sent = new ArrayList<>();
        Bench.progress("limits: " + floods + " anonymous multipart bodies of " + floodBodyBytes / (1024 * 1024) + " MB to /login");
        for (int i = 0; i < floods; i++) sent.add(pool.submit(() -> floodOnce()));
        // legitimate logins while the flood goes on
        while (sent.stream().anyMatch(f -> !f.isDone())) {
            long t = System.nanoTime();
            try {
                server.anotherSession();
                loginSecondsDuring.add(Stats.s(System.nanoTime() - t));
            } catch (IOException e) {
                loginFailuresDuring++;
            }
            Thread.sleep(200);
        }
        for (Future<long[]> f : sent) floodSentBytes += f.get()[0];
        pool.shutdown();
        floodRssMaxKb = sampler.stop();
        floodWriteBytes = writeBytes(server.pid()) - ioBefore;
        floodStateGrowth = Tools.treeBytes(server.stateDir()) - stateBefore;
        floodTmpGrowth = Tools.treeBytes(tmp) - tmpBefore;
    }

    /** One body, streamed from a small buffer until it is all sent or the server closes; returns the bytes it took. */
    private long[] floodOnce() throws IOException {
        String boundary = "benchflood" + System.nanoTime();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        long length = floodBodyBytes + head.length() + tail.length();
        long sentBytes = 0;
        String answer = "no answer";
        try (Socket s = new Socket(server.base().getHost(), server.base().getPort())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /login HTTP/1.1\r\nHost: " + server.base().getAuthority() + "\r\nContent-Type: multipart/form-data; boundary="
                    + boundary + "\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n" + head).getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            try {
                while (sentBytes < floodBodyBytes) {
                    int n = (int) Math.min(chunk.length, floodBodyBytes - sentBytes);
                    out.write(chunk, 0, n);
                    sentBytes += n;
                }
                out.write(tail.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closed) {
                // the server stopped reading: what it took is sentBytes (at most, some sat in buffers)
            }
            try {
                InputStream in = s.getInputStream();
                byte[] line = in.readNBytes(64);
                String text = new String(line, StandardCharsets.ISO_8859_1);
                answer = text.contains("\r\n") ? text.substring(0, text.indexOf("\r\n")) : text;
                if (answer.isBlank()) answer = "closed without an answer";
            } catch (IOException e) {
                answer = "closed without an answer";
            }
        }
        synchronized (floodAnswers) { floodAnswers.add(answer.replace("|", "/")); }
        return new long[] {sentBytes};
    }

    /** write_bytes of /proc/PID/io: what the process had written to storage (page cache included). */
    static long writeBytes(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "io"))) {
                if (l.startsWith("write_bytes:")) return Long.parseLong(l.substring(12).strip());
            }
        } catch (IOException | NumberFormatException e) {
            // unreadable
        }
        return -1;
    }

    private static final Pattern RUN_DIR = Pattern.compile("/runs/([^/]+)/");

    /** (c) {@code names} FQDN checks (each a new name, saved by the step's check, then POST /api/wizard/vm/names) within a second. */
    void nameChecks() throws Exception {
        nameRequests = sizes.nameChecks();
        Path runs = server.stateDir().resolve("runs");
        Set<String> runsBefore = listing(runs);
        Set<String> seen = new HashSet<>();
        Set<Long> seenPids = new HashSet<>();
        var watching = new java.util.concurrent.atomic.AtomicBoolean(true);
        int[] maxAtOnce = new int[1];
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                int now = 0;
                for (ProcessHandle p : (Iterable<ProcessHandle>) ProcessHandle.allProcesses()::iterator) {
                    String cmd = p.info().commandLine().orElse("");
                    if (!cmd.contains("ansible-playbook") || !cmd.contains(server.stateDir().toString())) continue;
                    boolean top = p.parent().map(q -> !q.info().commandLine().orElse("").contains("ansible-playbook")).orElse(true);
                    if (!top) continue;
                    now++;
                    seenPids.add(p.pid());
                    Matcher m = RUN_DIR.matcher(cmd);
                    if (m.find()) seen.add(m.group(1));
                }
                maxAtOnce[0] = Math.max(maxAtOnce[0], now);
                try { Thread.sleep(20); } catch (InterruptedException e) { return; }
            }
        }, "ansible-watcher");
        watcher.setDaemon(true);
        watcher.start();
        Bench.progress("limits: " + nameRequests + " FQDN checks from one user within a second");
        long interval = 1_000_000_000L / nameRequests;
        long t0 = System.nanoTime();
        for (int i = 0; i < nameRequests; i++) {
            long wait = t0 + i * interval - System.nanoTime();
            if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            server.post("/api/wizard/vm/check", Map.of("engineVmFqdn", "burst" + i + ".example.com"));
            server.post("/api/wizard/vm/names", Map.of());
        }
        nameSeconds = Stats.s(System.nanoTime() - t0);
        Thread.sleep(sizes.quick() ? 3000 : 15000); // what the burst queued may still start
        watching.set(false);
        watcher.join();
        ansibleProcesses = seenPids.size();
        ansibleMaxAtOnce = maxAtOnce[0];
        Set<String> after = listing(runs);
        after.removeAll(runsBefore);
        newRuns = after.size();
    }

    private static Set<String> listing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return new HashSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            return new HashSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }
}
