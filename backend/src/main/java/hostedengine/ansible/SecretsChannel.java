package hostedengine.ansible;

import hostedengine.threads.Threads;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands secrets to Ansible through a FIFO ({@code -e @fifo}) in a fresh mode-0700 directory:
 * nothing is ever stored on disk, and the directory is removed as soon as Ansible has read
 * it, or when the timeout passes, whichever comes first. Values are marked unsafe, so a
 * password of {@code {{ lookup('pipe','id') }}} stays a password.
 */
public final class SecretsChannel implements AutoCloseable {
    private final Path dir;
    private final Path fifo;
    private final byte[] content;
    private final AtomicBoolean done = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    private SecretsChannel(Path dir, Path fifo, byte[] content) {
        this.dir = dir;
        this.fifo = fifo;
        this.content = content;
    }

    /** Creates the FIFO under {@code parent} and starts the writer; pass {@link #path()} as {@code -e @path}. */
    public static SecretsChannel open(Path parent, Map<String, String> secrets, Duration timeout) throws IOException {
        Path dir = Files.createTempDirectory(parent, "secrets-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path fifo = dir.resolve("secrets.json");
        try {
            Process mk = new ProcessBuilder("mkfifo", "-m", "0600", fifo.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!mk.waitFor(10, TimeUnit.SECONDS) || mk.exitValue() != 0) {
                mk.destroyForcibly();
                throw new IOException("mkfifo failed for " + fifo);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(fifo, dir);
            throw new IOException("interrupted while creating " + fifo, e);
        } catch (IOException e) {
            deleteQuietly(fifo, dir);
            throw e;
        }
        var channel = new SecretsChannel(dir, fifo, VarsFile.bytes(secrets));
        channel.start(timeout);
        return channel;
    }

    public Path path() { return fifo; }

    public Path directory() { return dir; }

    /** Waits until Ansible has read the secrets or the channel was closed; true when read. */
    public boolean awaitRead(Duration wait) throws InterruptedException {
        return finished.await(wait.toMillis(), TimeUnit.MILLISECONDS) && delivered;
    }

    private volatile boolean delivered;

    private void start(Duration timeout) {
        Threads.start("secrets-writer-" + dir.getFileName(), () -> {
            // Blocks in open() until a reader (Ansible) opens the FIFO.
            try (OutputStream out = new FileOutputStream(fifo.toFile())) {
                if (!done.get()) {
                    out.write(content);
                    delivered = true;
                }
            } catch (IOException ignored) {
                // The reader went away; the directory is removed either way.
            } finally {
                finish();
            }
        });
        Threads.start("secrets-timeout-" + dir.getFileName(), () -> {
            try {
                if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) close();
            } catch (InterruptedException e) {
                close();
            }
        });
    }

    /** Removes the FIFO now, unblocking the writer if nobody has read it yet. */
    @Override
    public void close() {
        if (done.getAndSet(true)) return;
        // Opening the read side releases a writer blocked in open(); it then writes nothing.
        // In its own thread, so close() never blocks on a FIFO whose writer just left.
        if (finished.getCount() > 0 && Files.exists(fifo)) {
            Threads.start("secrets-release-" + dir.getFileName(), () -> {
                try (InputStream in = new FileInputStream(fifo.toFile())) {
                    in.readAllBytes();
                } catch (IOException ignored) {
                    // Already gone.
                }
            });
            try {
                finished.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        finish();
    }

    private void finish() {
        done.set(true);
        deleteQuietly(fifo, dir);
        finished.countDown();
    }

    private static void deleteQuietly(Path... paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // Best effort; a FIFO holds no data on disk.
            }
        }
    }
}
