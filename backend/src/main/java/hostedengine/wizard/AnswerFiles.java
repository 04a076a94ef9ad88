package hostedengine.wizard;

import static hostedengine.wizard.Field.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answer files in and out: our JSON keyed by role variable (so the same file drives
 * {@code ansible-playbook -e @answers.json}) and the {@code hosted-engine --deploy}
 * otopi answer file. Importing only fills answers; the rules judge them afterwards like
 * anything typed, so a file can never slip a value past a whitelist.
 */
public final class AnswerFiles {
    private AnswerFiles() {}

    /**
     * Non-secret answers as a JSON-ready map keyed by role variable (no fixed values, no secrets),
     * with only the variables whose answers pass their rules: an exported file never carries a
     * value the wizard would refuse.
     */
    public static Map<String, Object> export(Rules rules, Answers answers, StorageDevices devices) {
        return VariableGate.exportable(rules, answers, devices);
    }

    /**
     * The answers the role pastes into root shell commands (FIELDS.md, "Values the role pastes
     * into shell commands"): an imported value of these that breaks its rule is not kept.
     */
    public static final Set<Field> PASTED_INTO_SHELL = java.util.Collections.unmodifiableSet(EnumSet.of(ENGINE_VM_FQDN,
            HOST_FQDN, BRIDGE_INTERFACE, BRIDGE_NAME, MAC_ADDRESS, VCPUS, MEMORY_SIZE_MB, APPLIANCE_OVA, STORAGE_DOMAIN_NAME));

    /**
     * What an import keeps: the file's answers over {@code base}, judged by the rules. Each value
     * of the file that breaks a rule is reported; one for an answer the role pastes into a shell
     * is dropped (the base's value stays), the others are kept so the step shows them at their field.
     *
     * @param refused the file's refused values, one finding per field, in field order
     */
    public record Admission(Answers answers, List<FieldError> refused) {
        public Admission {
            refused = List.copyOf(refused);
        }
    }

    public static Admission admit(Rules rules, Answers base, ImportResult imported, StorageDevices devices) {
        Answers fromFile = imported.answers().withoutSecrets();
        Answers merged = base.merge(fromFile);
        List<FieldError> refused = new ArrayList<>();
        Set<Field> seen = EnumSet.noneOf(Field.class);
        for (FieldError e : rules.checkAll(merged, devices)) {
            if (!e.blocking() || !fromFile.has(e.field()) || !seen.add(e.field())) continue;
            refused.add(e);
            if (PASTED_INTO_SHELL.contains(e.field())) merged = merged.with(e.field(), base.get(e.field()));
        }
        refused.sort(java.util.Comparator.comparing(FieldError::field));
        return new Admission(merged, refused);
    }

    /** The role variable an answer is written as in our JSON answer file. */
    public static String variableOf(Field field) {
        return field.variable().filter(v -> !field.secret()).orElse(field.id());
    }

    /**
     * Answers from such a map. Values may be of any type: numbers and booleans become their
     * text, anything else is kept as its text so the rules report it. Never throws.
     */
    public static ImportResult fromRoleVariables(Map<String, ?> json) {
        Map<Field, String> values = new EnumMap<>(Field.class);
        List<String> ignored = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        if (json == null) return new ImportResult(Answers.empty(), ignored, secrets);
        json.forEach((name, value) -> {
            if (name == null) return;
            Optional<Field> field = Field.byVariable(name);
            if (field.filter(Field::secret).isPresent()) secrets.add(name);
            else if (field.isPresent()) {
                if (value != null) values.put(field.get(), text(value));
            } else if (!RoleVariables.derivedNames().contains(name) && !RoleVariables.fixed().containsKey(name)) {
                ignored.add(name);
            }
        });
        if (!values.containsKey(HOST_FQDN) && json.get("he_host_name") != null) {
            values.put(HOST_FQDN, text(json.get("he_host_name")));
        }
        values.put(NETWORK_CONFIGURATION, (json.get("he_vm_ip_addr") != null ? NetworkConfiguration.STATIC
                : NetworkConfiguration.DHCP).value());
        storageAddress(json, values);
        return new ImportResult(Answers.of(values), ignored, secrets);
    }

    /** he_storage_domain_addr means the NFS/Gluster server, or the iSCSI target's portals. */
    private static void storageAddress(Map<String, ?> json, Map<Field, String> values) {
        Object addr = json.get("he_storage_domain_addr");
        if (addr == null) return;
        String typed = values.getOrDefault(STORAGE_TYPE, "");
        Optional<StorageType> type = StorageType.of(typed);
        if (type.filter(StorageType.ISCSI::equals).isPresent()) {
            values.put(ISCSI_TARGET_PORTALS, text(addr));
        } else if (type.filter(StorageType::isFile).isPresent() || typed.isEmpty()) {
            Object path = json.get("he_storage_domain_path");
            values.put(STORAGE_CONNECTION, path == null ? text(addr) : StorageConnection.join(text(addr), text(path)));
        }
    }

    private static String text(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) { // a foreign object whose toString fails: keep something the rules refuse
            return value.getClass().getName();
        }
    }

    /**
     * Answers from an answer file's text, whichever of the two formats it is: JSON keyed by
     * role variable, or the otopi format; anything else is refused with a message key
     * ({@code import.*}). The page's import and the command line both read files here.
     */
    public static ImportResult parse(String text) throws UnreadableAnswerFile {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.startsWith("{")) {
            try {
                var json = new com.fasterxml.jackson.databind.ObjectMapper();
                Map<String, Object> map = json.readValue(trimmed, json.getTypeFactory()
                        .constructMapType(Map.class, String.class, Object.class));
                return fromRoleVariables(map);
            } catch (java.io.IOException e) {
                throw new UnreadableAnswerFile("import.badJson");
            }
        }
        if (trimmed.contains("[environment:default]")) return fromOtopi(text);
        throw new UnreadableAnswerFile("import.unknownFormat");
    }

    /** The text is not an answer file at all; the message is a message key. */
    public static final class UnreadableAnswerFile extends Exception {
        public UnreadableAnswerFile(String key) { super(key, null, false, false); }
    }

    /** Answers from a {@code hosted-engine --deploy} answer file. Passwords are never taken. */
    public static ImportResult fromOtopi(String text) {
        return OtopiAnswerFile.read(text == null ? "" : text);
    }
}
