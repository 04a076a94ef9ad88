package hostedengine.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where server logs, screenshots and page sources of the browser tests are written. */
final class Reports {
    private Reports() {}

    static Path dir() {
        Path dir = Path.of(System.getProperty("wizard.reports", "target/e2e-reports"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
