package hostedengine.remote;

import hostedengine.host.LocalHostFacts;
import java.time.Duration;

/**
 * What the administrator sees right after connecting, read over SSH the same way
 * {@code LocalHostFacts} reads this host: the host's FQDN, processors counted as the role's
 * pre-checks count them ({@code /proc/cpuinfo}), and total memory ({@code /proc/meminfo}).
 */
public record RemoteFacts(String hostFqdn, int vcpus, long memTotalMb) {
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    public static RemoteFacts read(SshConnection ssh) throws SshProblem {
        String fqdn = ssh.exec("hostname --fqdn 2>/dev/null || hostname", COMMAND_TIMEOUT).stdout().strip();
        int vcpus = LocalHostFacts.countProcessors(ssh.exec("cat /proc/cpuinfo", COMMAND_TIMEOUT).stdout());
        long memKib = 0;
        for (String line : ssh.exec("cat /proc/meminfo", COMMAND_TIMEOUT).stdout().split("\n")) {
            if (line.startsWith("MemTotal:")) {
                String digits = line.replaceAll("[^0-9]", "");
                if (!digits.isEmpty() && digits.length() < 16) memKib = Long.parseLong(digits);
            }
        }
        if (!fqdn.matches("[A-Za-z0-9.-]{1,253}")) fqdn = "";
        return new RemoteFacts(fqdn, vcpus, memKib / 1024);
    }
}
