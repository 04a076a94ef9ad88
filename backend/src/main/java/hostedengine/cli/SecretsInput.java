package hostedengine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.wizard.Answers;
import hostedengine.wizard.Field;
import hostedengine.wizard.RoleVariables;
import hostedengine.wizard.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The passwords a deployment needs, never from the answer file: from a JSON file only its
 * owner can read (mode 0600 or stricter), or asked on the terminal without echo, each new
 * password twice as the wizard's confirmation fields do. The values go into answers only,
 * so the wizard's own rules judge them (required, confirmation matches).
 */
final class SecretsInput {
    private static final int MAX_BYTES = 64 * 1024;
    /** Secret field → its confirmation field, for the passwords the wizard has you type twice. */
    private static final Map<Field, Field> CONFIRMED = Map.of(
            Field.ROOT_PASSWORD, Field.ROOT_PASSWORD_CONFIRM,
            Field.ADMIN_PASSWORD, Field.ADMIN_PASSWORD_CONFIRM);

    private final Cli.Terminal terminal;
    private final CliText text;

    SecretsInput(Cli.Terminal terminal, CliText text) {
        this.terminal = terminal;
        this.text = text;
    }

    /** The secret fields these answers need: both passwords, and the iSCSI ones whose user name is given. */
    static List<Field> needed(Answers answers) {
        List<Field> needed = new ArrayList<>(List.of(Field.ROOT_PASSWORD, Field.ADMIN_PASSWORD));
        if (StorageType.ISCSI.chosenIn(answers)) {
            if (!answers.get(Field.ISCSI_USERNAME).isBlank()) needed.add(Field.ISCSI_PASSWORD);
            if (!answers.get(Field.ISCSI_DISCOVER_USERNAME).isBlank()) needed.add(Field.ISCSI_DISCOVER_PASSWORD);
        }
        return needed;
    }

    Answers read(Answers answers, Optional<Path> file) throws CliProblem {
        Map<Field, String> given = new EnumMap<>(Field.class);
        if (file.isPresent()) given.putAll(fromFile(file.get()));
        List<Field> missing = needed(answers).stream().filter(f -> !given.containsKey(f)).toList();
        if (!missing.isEmpty() && !terminal.canAskSecrets()) {
            throw new CliProblem(text.get("cli.secrets.noTerminal", String.join(", ", variables(missing))));
        }
        for (Field f : missing) {
            given.put(f, ask(f));
            Field confirm = CONFIRMED.get(f);
            if (confirm != null) given.put(confirm, ask(confirm));
        }
        for (var e : CONFIRMED.entrySet()) {
            // A file gives each password once: it is its own confirmation.
            if (given.containsKey(e.getKey())) given.putIfAbsent(e.getValue(), given.get(e.getKey()));
        }
        return answers.merge(Answers.of(given));
    }

    private String ask(Field field) throws CliProblem {
        char[] typed = terminal.readSecret(text.get("field." + field.id() + ".label") + ": ")
                .orElseThrow(() -> new CliProblem(text.get("cli.secrets.noTerminal", variables(List.of(field)).get(0))));
        String value = new String(typed);
        java.util.Arrays.fill(typed, '\0');
        return value;
    }

    private static List<String> variables(List<Field> fields) {
        List<String> names = new ArrayList<>();
        RoleVariables.secretFields().forEach((name, field) -> { if (fields.contains(field)) names.add(name); });
        names.sort(null);
        return names;
    }

    /** The file's passwords by field; refused unless only its owner, the caller, can read it. */
    private Map<Field, String> fromFile(Path file) throws CliProblem {
        try {
            if (!Files.isRegularFile(file)) throw new IOException("not a regular file");
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new CliProblem(text.get("cli.secrets.fileMode", file, PosixFilePermissions.toString(mode)));
            }
            int owner = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (owner != me) throw new CliProblem(text.get("cli.secrets.fileOwner", file));
            byte[] bytes;
            try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) throw new CliProblem(text.get("cli.secrets.badFile", file));
            return parse(file, new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw new CliProblem(text.get("cli.secrets.unreadable", file, reason(e)));
        }
    }

    private Map<Field, String> parse(Path file, String json) throws CliProblem {
        Map<String, Object> map;
        try {
            map = new ObjectMapper().readValue(json, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException | RuntimeException e) {
            // Never the parser's message: it may quote the file's text, a password.
            throw new CliProblem(text.get("cli.secrets.badFile", file));
        }
        Map<Field, String> out = new EnumMap<>(Field.class);
        for (var e : map.entrySet()) {
            Field field = RoleVariables.secretFields().get(e.getKey());
            if (field == null) {
                throw new CliProblem(text.get("cli.secrets.unknownKey", file, e.getKey(),
                        String.join(", ", new java.util.TreeSet<>(RoleVariables.secretFields().keySet()))));
            }
            if (!(e.getValue() instanceof String value)) throw new CliProblem(text.get("cli.secrets.badFile", file));
            out.put(field, value);
        }
        return out;
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "No such file or directory";
        if (e instanceof java.nio.file.AccessDeniedException) return "Permission denied";
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
