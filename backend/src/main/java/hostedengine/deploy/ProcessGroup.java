package hostedengine.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A detached run's process group, seen through /proc and signalled with kill(1). */
final class ProcessGroup {
    private ProcessGroup() {}

    /** True while any live (not zombie) process belongs to the group. */
    static boolean alive(int pgid) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .anyMatch(p -> inGroup(p, pgid));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean inGroup(Path proc, int pgid) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            // "pid (comm) state ppid pgrp ...": comm may hold spaces, so split after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return !f[0].equals("Z") && Integer.parseInt(f[2]) == pgid;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Sends a signal (INT, TERM, KILL) to every process of the group. */
    static void signal(int pgid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // No kill(1): nothing more we can do; the follower reports what happens.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
