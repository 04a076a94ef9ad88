package hostedengine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the report says about the machine it ran on. */
final class Machine {
    private Machine() {}

    static String cpu() {
        String model = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
        } catch (IOException ignored) {
            // keep unknown
        }
        return Runtime.getRuntime().availableProcessors() + " CPUs (" + model + ")";
    }

    static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GB RAM", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // unknown
        }
        return "RAM unknown";
    }

    static String os() {
        String name = "unknown system";
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) name = line.substring(12).replace("\"", "");
            }
        } catch (IOException ignored) {
            // unknown
        }
        return name + ", Linux " + Tools.firstLine(List.of("uname", "-r"), "?");
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static String ansible() {
        return Tools.firstLine(List.of("ansible-playbook", "--version"), "ansible-playbook ?").replace("ansible-playbook ", "ansible-core ")
                .replace("[core ", "").replace("]", "");
    }

    static String ansibleRunner() { return Tools.firstLine(List.of("ansible-runner", "--version"), "?"); }

    static String defaultMaxHeap() {
        String out = Tools.firstLine(List.of("sh", "-c", "java -XX:+PrintFlagsFinal -version 2>/dev/null | grep -E ' MaxHeapSize '"), "");
        try {
            long bytes = Long.parseLong(out.trim().split("\\s+")[3]);
            return String.format(Locale.ROOT, "max heap %.0f MB", bytes / 1024.0 / 1024.0);
        } catch (RuntimeException e) {
            return "default max heap";
        }
    }
}
