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
 * A server started with {@link Main#start} reads the host at once (a facts run); stopping the
 * server stops following it, not the run. A test that started one waits here for the server's
 * runs to end before its temporary state directory is removed under them.
 */
final class ServerRuns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerRuns() {}

    static void awaitEnded(Path stateDir) throws InterruptedException {
        Await.until("the server's own runs in " + stateDir + " end", () -> allEnded(stateDir.resolve("runs")),
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
