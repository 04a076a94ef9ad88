package hostedengine.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The HA broker's e-mail notifications (broker.conf on the shared storage, guide ch. 5.2):
 * which SMTP server, from whom, to whom, and on which state transitions.
 *
 * @param destinationEmails comma-separated addresses
 * @param stateTransition   transitions that send mail, separated by {@code |}
 *                          (default {@code maintenance|start|stop|migrate|up|down})
 */
public record NotificationSettings(String smtpServer, String smtpPort, String sourceEmail, String destinationEmails,
                                   String stateTransition) {
    /** The names administrators type (the guide's), in the order of broker.conf. */
    public static final String SMTP_SERVER = "smtp-server";
    public static final String SMTP_PORT = "smtp-port";
    public static final String SOURCE_EMAIL = "source-email";
    public static final String DESTINATION_EMAILS = "destination-emails";
    public static final String STATE_TRANSITION = "state_transition";
    private static final Pattern TRANSITIONS = Pattern.compile("[A-Za-z]+(\\|[A-Za-z]+)*");

    /** Each key with its value, in broker.conf order. */
    public Map<String, String> asMap() {
        var m = new LinkedHashMap<String, String>();
        m.put(SMTP_SERVER, smtpServer);
        m.put(SMTP_PORT, smtpPort);
        m.put(SOURCE_EMAIL, sourceEmail);
        m.put(DESTINATION_EMAILS, destinationEmails);
        m.put(STATE_TRANSITION, stateTransition);
        return m;
    }

    public static NotificationSettings of(Map<String, String> values) {
        return new NotificationSettings(strip(values.get(SMTP_SERVER)), strip(values.get(SMTP_PORT)),
                strip(values.get(SOURCE_EMAIL)), strip(values.get(DESTINATION_EMAILS)), strip(values.get(STATE_TRANSITION)));
    }

    /** Whether {@code state_transition} is a list of transition names; the e-mail fields follow the wizard's Engine step rules. */
    public boolean stateTransitionValid() { return TRANSITIONS.matcher(stateTransition).matches(); }

    private static String strip(String s) { return s == null ? "" : s.strip(); }
}
