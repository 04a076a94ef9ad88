package hostedengine.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tool a test needs that {@code bin/test} installs. Under {@code bin/test}, which exports
 * {@value #VARIABLE}={@code required}, a missing tool fails the test, so CI never passes by skipping
 * it; run by hand on a bare machine ({@code mvn test}), the test is skipped instead.
 *
 * <p>Conditions that are no tool {@code bin/test} installs (running as root, a default route) stay
 * plain assumptions.
 */
public final class Required {
    public static final String VARIABLE = "HOSTED_ENGINE_WIZARD_TEST_TOOLS";

    private Required() {}

    /** Fails or skips the test when {@code what} is not {@code present}; {@code debianPackage} is what bin/test installs for it. */
    public static void tool(boolean present, String what, String debianPackage) {
        if (present) return;
        String message = what + " is missing: bin/test installs Debian's " + debianPackage;
        if (toolsRequired()) fail(message);
        assumeTrue(false, message);
    }

    /** As {@link #tool}, for an executable file. */
    public static void executable(Path file, String debianPackage) {
        tool(Files.isExecutable(file), file.toString(), debianPackage);
    }

    /** True under bin/test, which has installed every tool it lists. */
    public static boolean toolsRequired() {
        return "required".equals(System.getenv(VARIABLE));
    }
}
