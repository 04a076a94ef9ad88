package hostedengine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hostedengine.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one state directory (here two Runs, which lock each other out as two
 * processes do): the one that starts a run drives it, the other only shows it, and takes
 * it over when the owner goes away.
 */
class RunOwnershipTest {
    @TempDir Path tmp;
    Path state;
    Runs owner;
    Runs other;

    @BeforeEach
    void setUp() throws IOException {
        state = Files.createDirectories(tmp.resolve("state"));
        RunSettings settings = TestPlaybooks.settings(tmp);
        owner = new Runs(state, settings);
        other = new Runs(state, settings);
    }

    @AfterEach
    void tearDown() {
        owner.close();
        other.close();
    }

    @Test
    void anotherProcessWatchesARunItDoesNotOwnAndCannotStartASecondDeployment() throws Exception {
        String id = owner.start(Phase.PREPARE_VM, "root", Map.of("he_test_sleep", 3), Map.of("he_appliance_password", "pw1"));
        other.recover();

        assertThat(other.ownedElsewhere(id)).isTrue();
        assertThat(other.current()).map(RunInfo::id).contains(id);
        assertThatThrownBy(() -> other.start(Phase.PREPARE_VM, "root", Map.of(), Map.of()))
                .isInstanceOf(RunConflict.class).hasMessageContaining(id);

        Await.until("the watcher sees run " + id + " end", () -> other.get(id).orElseThrow().status().isFinal(), Duration.ofSeconds(60));
        RunInfo seen = other.get(id).orElseThrow();
        assertThat(seen.status()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(other.page(id, 0, 10_000)).extracting(RunEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, seen.events()).boxed().toList());
        assertThat(owner.get(id).orElseThrow().events()).isEqualTo(seen.events());
    }

    @Test
    void whenTheOwnerGoesAwayMidRunTheWatcherTakesItOverAndRecordsTheEnd() throws Exception {
        String id = owner.start(Phase.PREPARE_VM, "root", Map.of("he_test_sleep", 4), Map.of("he_appliance_password", "pw1"));
        other.recover();
        assertThat(other.ownedElsewhere(id)).isTrue();
        // The last tag runs (its Ansible has written events): taking over needs no new launch, so no password.
        Await.until("the watcher sees the last tag's events", () -> other.page(id, 0, 10_000).stream().anyMatch(e -> e.tag().equals("bootstrap_local_vm")),
                Duration.ofSeconds(30));

        owner.close(); // as if the owning process died: its lock is gone, the detached Ansible goes on

        Await.until("the watcher takes run " + id + " over", () -> !other.ownedElsewhere(id) || other.get(id).orElseThrow().status().isFinal(),
                Duration.ofSeconds(10));
        Await.until("the new owner sees run " + id + " end", () -> other.get(id).orElseThrow().status().isFinal(), Duration.ofSeconds(60));
        assertThat(other.get(id).orElseThrow().status()).isEqualTo(RunStatus.SUCCESSFUL);
        String onDisk = Files.readString(state.resolve("runs").resolve(id).resolve("run.json"));
        assertThat(onDisk).as("the new owner wrote the end").contains("\"SUCCESSFUL\"");
        List<RunEvent> events = other.page(id, 0, 10_000);
        assertThat(events).extracting(RunEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
    }

    @Test
    void cancelOnAWatchedRunIsCarriedOutByItsOwner() throws Exception {
        String id = owner.start(Phase.PREPARE_VM, "root", Map.of("he_test_sleep", 30), Map.of());
        other.recover();
        Await.until("the watcher sees run " + id + " in its second tag", () -> other.get(id).orElseThrow().tagIndex() == 1, Duration.ofSeconds(30));

        assertThat(other.cancel(id)).isTrue();

        Await.until("the owner ends run " + id, () -> owner.get(id).orElseThrow().status().isFinal(), Duration.ofSeconds(40));
        assertThat(owner.get(id).orElseThrow().status()).isEqualTo(RunStatus.CANCELED);
        Await.until("the watcher sees run " + id + " end", () -> other.get(id).orElseThrow().status().isFinal(), Duration.ofSeconds(10));
        assertThat(other.get(id).orElseThrow().status()).isEqualTo(RunStatus.CANCELED);
    }
}
