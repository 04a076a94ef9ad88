package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Leaving a field with Tab fires both "change" and "focusout", so the page sends two live checks
 * of the same session at once; every one must be answered (each also saves the draft).
 */
class LiveCheckConcurrencyTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();

    @Test
    void simultaneousLiveChecksOfOneSessionAreAllAnswered() {
        wizard.start();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> checks = IntStream.range(0, 32)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> SessionHttp.postForm(wizard,
                            "/api/wizard/vm/check", "engineVmFqdn=manager" + i + ".example.com").statusCode(), pool))
                    .toList();

            List<Integer> statuses = checks.stream().map(CompletableFuture::join).toList();

            assertThat(statuses).as("status of each live check").containsOnly(200);
        } finally {
            pool.shutdownNow();
        }
    }
}
