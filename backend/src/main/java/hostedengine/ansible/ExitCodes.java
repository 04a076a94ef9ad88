package hostedengine.ansible;

/**
 * What an {@code ansible-playbook} exit code means (ansible-core 2.14, {@code cli/__init__.py}
 * and {@code executor/task_queue_manager.py}), as a message key and an English sentence:
 * never show only "exit 2".
 */
public final class ExitCodes {
    private ExitCodes() {}

    /**
     * Our callback's own exit code (ansible-playbook never ends with 3): it could not read the
     * values it must mask, and stopped the run before any task ({@code wizard_events.py}, REFUSED_EXIT).
     */
    public static final int MASKING_REFUSED = 3;

    /** A message key such as {@code ansible.exit.hostFailed}. */
    public static String key(int rc) {
        return "ansible.exit." + switch (rc) {
            case 0 -> "ok";
            case 1 -> "error";
            case 2 -> "hostFailed";
            case MASKING_REFUSED -> "maskingRefused";
            case 4 -> "unreachableOrParserError";
            case 5 -> "badOptions";
            case 8 -> "playAborted";
            case 99 -> "interrupted";
            case 250 -> "unexpectedError";
            case 255 -> "unknownError";
            default -> rc > 128 && rc < 160 ? "killedBySignal" : "other";
        };
    }

    public static String describe(int rc) {
        return switch (rc) {
            case 0 -> "Ansible finished without errors";
            case 1 -> "Ansible stopped with an error";
            case 2 -> "A task failed on the host";
            case MASKING_REFUSED -> "The run was stopped before any task: the passwords to hide could not be read";
            case 4 -> "The host was unreachable, or a playbook could not be parsed";
            case 5 -> "Ansible was given bad options";
            case 8 -> "The play was aborted after a failure";
            case 99 -> "Ansible was interrupted";
            case 250 -> "Ansible hit an unexpected error";
            case 255 -> "Ansible ended with an unknown error";
            default -> rc > 128 && rc < 160
                    ? "Ansible was killed by signal " + (rc - 128)
                    : "Ansible ended with exit code " + rc;
        };
    }

    public static boolean succeeded(int rc) { return rc == 0; }
}
