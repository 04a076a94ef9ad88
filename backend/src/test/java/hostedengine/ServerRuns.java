package hostedengine;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.deploy.RunStatus;
import hostedengine.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A server started with {@link Main#start} reads the host at once: two runs one after the other
 * (facts, then network interfaces), then the readings written to {@code facts/localhost.json}.
 * Stopping the server stops following them, not the reading. A test that started one waits here
 * for the whole reading to end before its temporary state directory is removed under it: waiting
 * for the runs alone returns in the gap between the two, and the second run then writes into a
 * directory being deleted.
 */
final class ServerRuns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerRuns() {}

    static void awaitEnded(Path stateDir) throws InterruptedException {
        Await.until("the server's first reading of the host in " + stateDir + " ends",
                () -> Files.isRegularFile(stateDir.resolve("facts/localhost.json")) && allEnded(stateDir.resolve("runs")),
                Duration.ofSeconds(120));
    }

    private static boolean allEnded(Path runs) {
        if (!Files.isDirectory(runs)) return true;
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(Files::isDirectory).allMatch(ServerRuns::ended);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean ended(Path run) {
        try {
            Map<?, ?> info = JSON.readValue(run.resolve("run.json").toFile(), Map.class);
            return RunStatus.valueOf(String.valueOf(info.get("status"))).isFinal();
        } catch (IOException | RuntimeException notYetWritten) {
            return false;
        }
    }
}
