package hostedengine.wizard;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How the role checks the host's network (he_network_test): the answer of {@link Field#NETWORK_TEST}. */
public enum NetworkTest {
    DNS("dns"), PING("ping"), TCP("tcp"), NONE("none");

    private final String value;

    NetworkTest(String value) { this.value = value; }

    /** The answer's text and the role's value. */
    public String value() { return value; }

    public static Optional<NetworkTest> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }

    /** Whether these answers ask for the TCP test (and so its address and port). */
    public static boolean isTcp(Answers answers) {
        return of(answers.get(Field.NETWORK_TEST)).filter(TCP::equals).isPresent();
    }

    static List<String> choices() { return Arrays.stream(values()).map(NetworkTest::value).toList(); }
}
