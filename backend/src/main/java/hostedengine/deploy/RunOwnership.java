package hostedengine.deploy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who drives a run, across processes: the process that launches a run's tags (the server or
 * {@code hosted-engine-wizard deploy}) holds an exclusive lock on {@code <run>/owner.lock} for
 * the run's life. Any other process only watches. The kernel drops the lock when its holder
 * dies, so a free lock on an unfinished run means its owner is gone and recovery may take over.
 */
final class RunOwnership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunOwnership.class);
    static final String FILE = "owner.lock";
    /** The host-wide lock taken around starting a run, so two processes cannot both start a deployment. */
    static final String HOST_FILE = "deployment.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunOwnership(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock when nobody holds it; empty when another process (or another part of this one) does. */
    static Optional<RunOwnership> tryTake(Path lockFile) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) return Optional.of(new RunOwnership(channel, lock));
        } catch (OverlappingFileLockException heldInThisJvm) {
            // Another Runs of this same process owns it: as good as another process.
        } catch (IOException e) {
            // Cannot even open the file: treat as not ours.
            LOG.warn("cannot open the run lock {}: {}", lockFile, e.toString());
        }
        closeQuietly(channel);
        return Optional.empty();
    }

    /** Waits for the lock (the host-wide one, held only for the moment a run starts). */
    static RunOwnership take(Path lockFile) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            return new RunOwnership(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** True when some process holds the run's lock now (not this check itself). */
    static boolean heldElsewhere(Path runDir) {
        Optional<RunOwnership> probe = tryTake(runDir.resolve(FILE));
        probe.ifPresent(RunOwnership::close);
        return probe.isEmpty();
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException | RuntimeException e) {
            // Closing the channel below releases it anyway.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
