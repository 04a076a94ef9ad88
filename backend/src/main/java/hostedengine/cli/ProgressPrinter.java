package hostedengine.cli;

import hostedengine.deploy.ExpectedTasks;
import hostedengine.deploy.RunEvent;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunListener;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A run's progress on the terminal, counted as the run page counts it (tasks started per tag
 * against the tag's expected count): one redrawn line with a bar and the current task on a
 * terminal, one plain line per task otherwise (pipes, logs, tests). Events arrive already
 * redacted, so nothing here can print a password.
 */
final class ProgressPrinter implements RunListener {
    private static final int BAR = 30;
    private static final int WIDTH = 110;

    private final PrintStream out;
    private final boolean redraw;
    private final CliText text;
    private final Map<String, int[]> tasks = new LinkedHashMap<>();
    private volatile CountDownLatch ended = new CountDownLatch(1);
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean dropped;
    private boolean lineOpen;

    ProgressPrinter(PrintStream out, boolean redraw, CliText text, RunInfo run) {
        this.out = out;
        this.redraw = redraw;
        this.text = text;
        for (String tag : run.tags()) tasks.put(tag, new int[] {0, ExpectedTasks.of(tag)});
    }

    @Override
    public synchronized void onEvent(RunEvent e) {
        delivered.set(e.seq());
        if (!"task_start".equals(e.type())) return;
        int[] t = tasks.get(e.tag());
        if (t != null) t[0]++;
        String tag = text.get("run.tag." + e.tag());
        String task = e.task() == null ? "" : e.task();
        if (redraw) {
            String line = String.format("[%s] %3d%%  %s: %s", bar(), percent(), tag, task);
            if (line.length() > WIDTH) line = line.substring(0, WIDTH - 1) + "…";
            out.print("\r" + line + " ".repeat(Math.max(0, WIDTH - line.length())));
            lineOpen = true;
        } else {
            out.printf("[%3d%%] %s: %s%n", percent(), tag, task);
        }
        out.flush();
    }

    @Override
    public synchronized void onEnd(RunInfo run) {
        if (lineOpen) out.println();
        lineOpen = false;
        ended.countDown();
    }

    @Override
    public void onDropped(long lastDeliveredSeq) {
        dropped = true;
        ended.countDown();
    }

    /** Waits for the end, or for being dropped (then the caller subscribes again from {@link #delivered()}). */
    boolean awaitEnd() throws InterruptedException {
        ended.await();
        if (!dropped) return true;
        dropped = false;
        ended = new CountDownLatch(1);
        return false;
    }

    long delivered() { return delivered.get(); }

    private int percent() {
        long done = 0, expected = 0;
        for (int[] t : tasks.values()) {
            done += t[0];
            expected += Math.max(t[0], t[1]);
        }
        return expected == 0 ? 0 : (int) Math.min(100, done * 100 / expected);
    }

    private String bar() {
        int filled = percent() * BAR / 100;
        return "#".repeat(filled) + "-".repeat(BAR - filled);
    }
}
