package hostedengine.wizard;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one gate between answers and a vars file. Every path that writes variables for the role
 * (Prepare VM, Finish, Retry, discovery, the command line, an answer-file export) asks here, in
 * the same request: the rules of every step are run on the answers as they are now; if a field
 * the path needs breaks a rule, the path is refused with that field's message; otherwise only
 * the variables whose every source answer passed are handed out. A value refused on the Storage
 * step therefore never reaches the Prepare VM vars file, whatever the other steps say.
 *
 * <p>Values read back from the host (discovered targets, the bootstrap VM's directory) are not
 * answers: {@link ReadBack} judges them where they are read.
 */
public final class VariableGate {
    /** What a path needs: the fields that must pass; the variables of the others are left out if they fail. */
    public enum Need {
        /** Prepare VM: the VM and Engine steps. */
        PREPARE_VM(fieldsOf(Step.VM, Step.ENGINE)),
        /** Finish Deployment (and the command line before it): every step. */
        FINISH(fieldsOf(Step.VM, Step.ENGINE, Step.STORAGE)),
        /** iscsi_discover: the role logs in to the bootstrap engine and discovers from the typed portal. */
        ISCSI_DISCOVER(with(fieldsOf(Step.VM, Step.ENGINE), Field.STORAGE_TYPE, Field.ISCSI_PORTAL_ADDRESS,
                Field.ISCSI_PORTAL_PORT, Field.ISCSI_DISCOVER_USERNAME, Field.ISCSI_DISCOVER_PASSWORD)),
        /** iscsi_getdevices: as discovery, plus the chosen target and its portal group. */
        ISCSI_GETDEVICES(with(ISCSI_DISCOVER.fields, Field.ISCSI_USERNAME, Field.ISCSI_PASSWORD, Field.ISCSI_TARGET,
                Field.ISCSI_TPGT, Field.ISCSI_TARGET_PORTALS)),
        /** fc_getdevices: the role logs in to the bootstrap engine. */
        FC_GETDEVICES(with(fieldsOf(Step.VM, Step.ENGINE), Field.STORAGE_TYPE));

        private final Set<Field> fields;

        Need(Set<Field> fields) { this.fields = fields; }

        public Set<Field> fields() { return fields; }
    }

    /** The answer of the gate. */
    public sealed interface Verdict permits Admitted, Refused {}

    /**
     * The variables to write (with the fixed values) and the secrets to hand over the secrets
     * channel; both hold only what passed.
     */
    public record Admitted(Map<String, Object> vars, Map<String, String> secrets) implements Verdict {
        public Admitted {
            vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
            secrets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        }
    }

    /** A field the path needs breaks a rule: {@code step} is the first step with one, {@code errors} all of them. */
    public record Refused(Step step, List<FieldError> errors) implements Verdict {
        public Refused {
            errors = List.copyOf(errors);
        }
    }

    private VariableGate() {}

    /** Judges the answers for {@code need}; the rules see {@code devices} as discovered so far. */
    public static Verdict admit(Rules rules, Answers answers, StorageDevices devices, Need need) {
        List<FieldError> findings = rules.checkAll(answers, devices);
        Set<Field> failed = failedFields(findings);
        List<FieldError> blocking = new ArrayList<>();
        for (FieldError e : findings) if (e.blocking() && need.fields().contains(e.field())) blocking.add(e);
        if (!blocking.isEmpty()) return new Refused(blocking.get(0).field().step(), blocking);
        return new Admitted(passing(RoleVariables.all(answers), failed), passingSecrets(answers, failed));
    }

    /**
     * The non-secret variables of these answers whose every source answer passes, without the
     * fixed values: what an answer file export may write.
     */
    public static Map<String, Object> exportable(Rules rules, Answers answers, StorageDevices devices) {
        return passing(RoleVariables.flatten(answers), failedFields(rules.checkAll(answers, devices)));
    }

    /** The fields with a blocking finding. */
    public static Set<Field> failedFields(List<FieldError> findings) {
        Set<Field> failed = EnumSet.noneOf(Field.class);
        for (FieldError e : findings) if (e.blocking()) failed.add(e.field());
        return failed;
    }

    /** The answers a variable is made of; empty for a fixed value. */
    public static Set<Field> sources(String variable) {
        return RoleVariables.SOURCES.getOrDefault(variable, Set.of());
    }

    private static Map<String, Object> passing(Map<String, Object> vars, Set<Field> failed) {
        Map<String, Object> kept = new LinkedHashMap<>();
        vars.forEach((name, value) -> {
            if (sources(name).stream().noneMatch(failed::contains)) kept.put(name, value);
        });
        return kept;
    }

    private static Map<String, String> passingSecrets(Answers answers, Set<Field> failed) {
        Map<String, String> kept = new LinkedHashMap<>();
        RoleVariables.secrets(answers).forEach((name, value) -> {
            if (sources(name).stream().noneMatch(failed::contains)) kept.put(name, value);
        });
        return kept;
    }

    private static Set<Field> fieldsOf(Step... steps) {
        Set<Field> fields = EnumSet.noneOf(Field.class);
        for (Step s : steps) fields.addAll(Field.of(s));
        return java.util.Collections.unmodifiableSet(fields);
    }

    private static Set<Field> with(Set<Field> base, Field... more) {
        Set<Field> fields = EnumSet.noneOf(Field.class);
        fields.addAll(base);
        fields.addAll(List.of(more));
        return java.util.Collections.unmodifiableSet(fields);
    }
}
