package hostedengine.drafts;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.files.PrivateFiles;
import hostedengine.wizard.Answers;
import hostedengine.wizard.Field;
import hostedengine.wizard.Step;
import hostedengine.wizard.StorageDevices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Drafts by owner (the logged-in user, {@code user:<name>}). The file
 * {@code drafts/<sha256(owner)>.json} holds the non-secret answers, the discovered
 * devices and the attempted steps; it is written to a temporary file and renamed, so a
 * crash never leaves half a draft. Secrets stay in this object's memory.
 */
public final class DraftStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Supplier<Answers> defaults;
    private final Map<String, Draft> live = new ConcurrentHashMap<>();

    public DraftStore(Path stateDir, Supplier<Answers> defaults) {
        this.dir = stateDir.resolve("drafts");
        this.defaults = defaults;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Draft get(String owner) {
        return live.computeIfAbsent(owner, this::load);
    }

    /** Applies a change atomically for this owner and persists the non-secret part. */
    public Draft update(String owner, UnaryOperator<Draft> change) {
        // Saved inside compute(): one owner's saves are serialized, so two tabs checking at
        // once can neither collide on the temporary file nor write an older state last.
        return live.compute(owner, (o, current) -> {
            Draft changed = withoutPrivateKeys(change.apply(current == null ? load(o) : current));
            save(o, changed);
            return changed;
        });
    }

    private static final java.util.regex.Pattern PRIVATE_KEY =
            java.util.regex.Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");

    /**
     * A private key pasted into a field that wants something else (the root SSH public key) is a
     * secret the field refuses: it is kept neither in memory, where the page would show it again,
     * nor on disk; the next page says so once.
     */
    static Draft withoutPrivateKeys(Draft draft) {
        Answers answers = draft.answers();
        boolean removed = false;
        for (Field field : Field.values()) {
            if (!field.secret() && PRIVATE_KEY.matcher(answers.get(field)).find()) {
                answers = answers.with(field, "");
                removed = true;
            }
        }
        return removed ? draft.withAnswers(answers).withNotice("notice.privateKeyRemoved", java.util.List.of()) : draft;
    }

    /** Every password typed into any draft still in memory (for masking output once more, never for showing). */
    public java.util.List<String> secretsInMemory() {
        var out = new java.util.ArrayList<String>();
        for (Draft d : live.values()) {
            d.answers().onlySecrets().asMap().values().stream().filter(v -> !v.isEmpty()).forEach(out::add);
        }
        return out;
    }

    /**
     * Forgets what only memory holds for this owner (the passwords typed, a notice), keeping the
     * saved answers: at logout and session expiry, after which the wizard asks for the passwords again.
     */
    public void forgetSecrets(String owner) { live.remove(owner); }

    /** Forgets everything for this owner: memory and file. */
    public void discard(String owner) {
        live.remove(owner);
        try {
            Files.deleteIfExists(file(owner));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Draft load(String owner) {
        Path f = file(owner);
        Answers base = defaults.get();
        if (!Files.isRegularFile(f)) return Draft.fresh(base);
        try {
            Stored s = JSON.readValue(f.toFile(), Stored.class);
            var values = new EnumMap<Field, String>(Field.class);
            s.answers().forEach((id, v) -> Field.byId(id).filter(fld -> !fld.secret()).ifPresent(fld -> values.put(fld, v)));
            var attempted = EnumSet.noneOf(Step.class);
            s.attempted().forEach(id -> Step.byId(id).ifPresent(attempted::add));
            StorageDevices devices = s.devices() == null ? StorageDevices.none() : s.devices();
            return new Draft(base.merge(Answers.of(values)), devices, attempted, null, null);
        } catch (IOException unreadable) {
            // A damaged draft must not lock the user out of the wizard: start afresh.
            return Draft.fresh(base);
        }
    }

    private void save(String owner, Draft draft) {
        var answers = new LinkedHashMap<String, String>();
        draft.answers().withoutSecrets().asMap().forEach((f, v) -> answers.put(f.id(), v));
        var stored = new Stored(answers, draft.attempted().stream().map(Step::id).toList(), draft.devices());
        Path target = file(owner);
        try {
            PrivateFiles.writeAtomically(target, JSON.writeValueAsString(stored).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the draft " + target, e);
        }
    }

    private Path file(String owner) { return PrivateFiles.ofOwner(dir, owner, ".json"); }

    /** The on-disk shape. */
    record Stored(Map<String, String> answers, List<String> attempted, StorageDevices devices) {
        Stored {
            answers = answers == null ? Map.of() : answers;
            attempted = attempted == null ? List.of() : attempted;
        }
    }

}
