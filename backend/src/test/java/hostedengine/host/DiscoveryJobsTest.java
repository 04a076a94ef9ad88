package hostedengine.host;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.testing.Await;
import hostedengine.wizard.StorageDevices;
import hostedengine.wizard.StorageDevices.IscsiTarget;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoveryJobsTest {
    private static final StorageDevices ONE_TARGET =
            new StorageDevices(List.of(new IscsiTarget("iqn.x:y", 1, List.of("10.0.0.5:3260"))), List.of());
    private final DiscoveryJobs jobs = new DiscoveryJobs();

    @AfterEach
    void close() { jobs.close(); }

    @Test
    void foundDevicesGoToTheCallerAndTheOutcomeSaysFound() throws Exception {
        var got = new AtomicReference<StorageDevices>();
        jobs.start("u", DiscoveryJobs.Kind.ISCSI_TARGETS, "p", () -> ONE_TARGET, got::set);

        awaitEnd("u");

        assertThat(got.get()).isEqualTo(ONE_TARGET);
        assertThat(jobs.status("u").orElseThrow().state()).isEqualTo(DiscoveryJobs.State.FOUND);
    }

    @Test
    void nothingFoundIsEmptyAndAFailureKeepsItsProblem() throws Exception {
        jobs.start("u", DiscoveryJobs.Kind.FC_LUNS, "fc", StorageDevices::none, d -> { });
        awaitEnd("u");
        assertThat(jobs.status("u").orElseThrow().state()).isEqualTo(DiscoveryJobs.State.EMPTY);

        jobs.start("u", DiscoveryJobs.Kind.FC_LUNS, "fc", () -> { throw new StorageDiscoveryException("no engine"); }, d -> { });
        awaitEnd("u");
        assertThat(jobs.status("u").orElseThrow().problem()).hasMessage("no engine");
    }

    @Test
    void askingAgainForTheSameWhileItRunsStartsNoSecondLookup() throws Exception {
        var release = new CountDownLatch(1);
        var lookups = new AtomicInteger();
        DiscoveryJobs.Lookup slow = () -> {
            lookups.incrementAndGet();
            awaitQuietly(release);
            return ONE_TARGET;
        };

        assertThat(jobs.start("u", DiscoveryJobs.Kind.ISCSI_TARGETS, "p", slow, d -> { })).isTrue();
        assertThat(jobs.start("u", DiscoveryJobs.Kind.ISCSI_TARGETS, "p", slow, d -> { })).isFalse();
        release.countDown();
        awaitEnd("u");

        assertThat(lookups.get()).isEqualTo(1);
    }

    @Test
    void aReplacedDiscoveryDoesNotOverwriteTheNewOnesResult() throws Exception {
        var release = new CountDownLatch(1);
        var got = new AtomicReference<String>();
        var oldWorker = new AtomicReference<Thread>();
        jobs.start("u", DiscoveryJobs.Kind.ISCSI_TARGETS, "old", () -> {
            oldWorker.set(Thread.currentThread());
            awaitQuietly(release);
            return ONE_TARGET;
        }, d -> got.set("old"));
        jobs.start("u", DiscoveryJobs.Kind.FC_LUNS, "fc", StorageDevices::none, d -> got.set("new"));
        awaitEnd("u");
        release.countDown();
        Await.until("the replaced job's worker is done with it", () -> doneWithJob(oldWorker.get()), Duration.ofSeconds(10));

        assertThat(got.get()).isEqualTo("new");
        assertThat(jobs.status("u").orElseThrow().kind()).isEqualTo(DiscoveryJobs.Kind.FC_LUNS);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitEnd(String owner) throws InterruptedException {
        Await.until("the discovery of " + owner + " ends", () -> jobs.status(owner).orElseThrow().state() != DiscoveryJobs.State.RUNNING,
                Duration.ofSeconds(10));
    }

    /** The pool's thread has left the job (none of DiscoveryJobs' code on its stack): its answer is in, or dropped. */
    private static boolean doneWithJob(Thread worker) {
        return worker != null && Arrays.stream(worker.getStackTrace())
                .noneMatch(frame -> frame.getClassName().equals(DiscoveryJobs.class.getName()));
    }
}
