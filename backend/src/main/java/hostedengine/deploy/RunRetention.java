package hostedengine.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Keeps the run directories of the read-only kinds (host facts, network interfaces, name checks)
 * from piling up: the wizard starts one at every start, every *Refresh* and every FQDN field left,
 * so when one ends only the newest {@link Phase#kept()} of its kind stay. A run that is not final,
 * that this process still follows, or whose owner lock another process holds is never deleted.
 */
final class RunRetention {
    private final RunFiles files;
    private final Predicate<String> followedHere;
    private final Consumer<String> forget;

    /**
     * @param followedHere true for a run this process follows now
     * @param forget       told each deleted run's id, so nothing keeps showing it
     */
    RunRetention(RunFiles files, Predicate<String> followedHere, Consumer<String> forget) {
        this.files = files;
        this.followedHere = followedHere;
        this.forget = forget;
    }

    /** Deletes the oldest ended runs of {@code ended}'s kind beyond what the kind keeps. */
    synchronized void prune(RunInfo ended) {
        int keep = ended.phase().kept();
        if (keep <= 0) return;
        String idPart = "-" + RunFiles.idPart(ended.phase()) + "-";
        List<RunInfo> sameKind = new ArrayList<>();
        for (String id : files.ids()) {
            // The id names the kind: only those run.json files are read.
            if (!id.contains(idPart)) continue;
            files.readInfo(id).filter(i -> i.phase() == ended.phase()).ifPresent(sameKind::add);
        }
        if (sameKind.size() <= keep) return;
        sameKind.sort(Comparator.comparing(RunRetention::created).thenComparing(RunInfo::id).reversed());
        for (RunInfo old : sameKind.subList(keep, sameKind.size())) {
            if (old.id().equals(ended.id()) || !old.status().isFinal() || followedHere.test(old.id())) continue;
            Path dir = files.runDir(old.id());
            if (RunOwnership.heldElsewhere(dir)) continue;
            if (deleteTree(dir)) forget.accept(old.id());
        }
    }

    private static Instant created(RunInfo info) {
        try {
            return Instant.parse(info.created());
        } catch (RuntimeException unreadable) {
            return Instant.EPOCH;
        }
    }

    private static boolean deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            return true;
        } catch (IOException e) {
            // Another process deleted it first, or a file is busy: the next run of this kind tries again.
            return !Files.exists(dir);
        }
    }
}
