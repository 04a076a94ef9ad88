package hostedengine.e2e;

/**
 * Valid answers for the VM and Engine steps, changed one at a time with the {@code with...} methods.
 * A null MAC keeps the random one the wizard proposes.
 */
public record TestAnswers(
        String engineVmFqdn,
        String macAddress,
        String rootPassword,
        String adminPassword,
        String smtpServer,
        String smtpPort,
        String sourceEmail,
        String destEmails) {

    public static TestAnswers valid() {
        return new TestAnswers("manager.example.com", "00:16:3e:12:34:56", "Root-Secret-4711",
                "Admin-Secret-0815", "mail.example.com", "587", "engine@example.com",
                "ops@example.com,admin@example.com");
    }

    public TestAnswers withEngineVmFqdn(String fqdn) {
        return new TestAnswers(fqdn, macAddress, rootPassword, adminPassword, smtpServer, smtpPort,
                sourceEmail, destEmails);
    }

    public TestAnswers withMacAddress(String mac) {
        return new TestAnswers(engineVmFqdn, mac, rootPassword, adminPassword, smtpServer, smtpPort,
                sourceEmail, destEmails);
    }
}
