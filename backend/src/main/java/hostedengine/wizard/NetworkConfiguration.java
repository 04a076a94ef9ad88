package hostedengine.wizard;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How the Engine VM gets its address: the answer of {@link Field#NETWORK_CONFIGURATION}. */
public enum NetworkConfiguration {
    DHCP("dhcp"), STATIC("static");

    private final String value;

    NetworkConfiguration(String value) { this.value = value; }

    /** The answer's text. */
    public String value() { return value; }

    public static Optional<NetworkConfiguration> of(String value) {
        return Arrays.stream(values()).filter(c -> c.value.equals(value)).findFirst();
    }

    /** Whether these answers give the Engine VM a static address. */
    public static boolean isStatic(Answers answers) {
        return of(answers.get(Field.NETWORK_CONFIGURATION)).filter(STATIC::equals).isPresent();
    }

    static List<String> choices() { return Arrays.stream(values()).map(NetworkConfiguration::value).toList(); }
}
