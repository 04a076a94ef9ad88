package hostedengine.wizard;

import static hostedengine.wizard.Field.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import hostedengine.wizard.Field.When;

/**
 * The role variables the answers become (FIELDS.md, "Variable" column). Best effort on
 * invalid answers: a number that does not parse stays text, so a vars file written from
 * unchecked answers still shows what was typed. Never throws.
 */
public final class RoleVariables {
    private RoleVariables() {}

    /** Shown with every phase; not answers. */
    private static final Map<String, Object> FIXED;
    static {
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("he_vm_name", "HostedEngine");
        fixed.put("he_console_type", "vnc");
        fixed.put("he_local_vm_dir_path", "/var/tmp");
        fixed.put("he_local_vm_dir_prefix", "localvm");
        fixed.put("he_admin_username", "admin@internal");
        FIXED = Collections.unmodifiableMap(fixed);
    }

    /**
     * Variables made from an answer rather than being it, each written right after that answer's
     * own variable (in display order) when its condition holds.
     */
    private record Derived(String variable, Field from, When when, Function<Answers, Object> value) {}

    private static final List<Derived> DERIVED = List.of(
            new Derived("he_cloud_init_host_name", ENGINE_VM_FQDN, When.ALWAYS, a -> hostPart(a.get(ENGINE_VM_FQDN))),
            new Derived("he_cloud_init_domain_name", ENGINE_VM_FQDN, When.ALWAYS, a -> domainPart(a.get(ENGINE_VM_FQDN))),
            new Derived("he_host_name", HOST_FQDN, When.ALWAYS, a -> a.get(HOST_FQDN)),
            new Derived("he_storage_domain_addr", STORAGE_CONNECTION, When.FILE_STORAGE, a -> StorageConnection
                    .split(a.get(STORAGE_CONNECTION)).map(StorageConnection::server).orElse(a.get(STORAGE_CONNECTION))),
            new Derived("he_storage_domain_path", STORAGE_CONNECTION, When.FILE_STORAGE, a -> StorageConnection
                    .split(a.get(STORAGE_CONNECTION)).map(StorageConnection::path).orElse("")),
            new Derived("he_storage_domain_addr", ISCSI_TARGET_PORTALS, When.ISCSI, a -> a.get(ISCSI_TARGET_PORTALS)));

    private static final Set<String> DERIVED_NAMES = DERIVED.stream().map(Derived::variable)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** A variable that also depends on an answer other than its own and its condition's. */
    private static final Map<String, Set<Field>> ALSO = Map.of(
            "he_vm_ip_addr", Set.of(BRIDGE_INTERFACE),
            "he_iscsi_tpgt", Set.of(ISCSI_TARGET),
            "he_appliance_password", Set.of(ROOT_PASSWORD_CONFIRM),
            "he_admin_password", Set.of(ADMIN_PASSWORD_CONFIRM));

    /** Secret variable → the field it comes from, in field order. */
    static final Map<String, Field> SECRETS;

    private static final Set<String> NAMES;

    /**
     * Variable → the answers it is made of. A variable is written only when every one of them
     * passed its rules ({@link VariableGate}); the fixed values have none.
     */
    static final Map<String, Set<Field>> SOURCES;

    static {
        Map<String, Field> secrets = new LinkedHashMap<>();
        Map<String, Set<Field>> sources = new LinkedHashMap<>();
        for (Field f : Field.values()) {
            f.variable().ifPresent(name -> {
                if (f.secret()) secrets.put(name, f);
                addSources(sources, name, f, f.when());
            });
        }
        for (Derived d : DERIVED) addSources(sources, d.variable(), d.from(), d.when());
        ALSO.forEach((name, fields) -> sources.get(name).addAll(fields));
        sources.replaceAll((name, fields) -> Collections.unmodifiableSet(fields));
        SECRETS = Collections.unmodifiableMap(secrets);
        SOURCES = Collections.unmodifiableMap(sources);
        Set<String> names = new LinkedHashSet<>(sources.keySet());
        names.addAll(FIXED.keySet());
        NAMES = Collections.unmodifiableSet(names);
    }

    private static void addSources(Map<String, Set<Field>> sources, String name, Field from, When when) {
        Set<Field> fields = sources.computeIfAbsent(name, n -> EnumSet.noneOf(Field.class));
        fields.add(from);
        fields.addAll(when.reads());
    }

    /** Non-secret role variables the answers become, grouped by the step that owns them, each in display order. */
    public static Map<Step, Map<String, Object>> byStep(Answers answers) {
        Map<Step, Map<String, Object>> steps = new EnumMap<>(Step.class);
        for (Step step : Step.values()) steps.put(step, step(answers, step));
        return Collections.unmodifiableMap(steps);
    }

    /** Fixed values sent with every phase. */
    public static Map<String, Object> fixed() { return FIXED; }

    /** byStep flattened plus fixed(): what a vars file gets. */
    public static Map<String, Object> all(Answers answers) {
        Map<String, Object> all = flatten(answers);
        all.putAll(FIXED);
        return all;
    }

    /** The secret variables that are set (the iSCSI ones only when the storage type is iSCSI). */
    public static Map<String, String> secrets(Answers answers) {
        Map<String, String> secrets = new LinkedHashMap<>();
        SECRETS.forEach((name, field) -> {
            if (field.when().holds(answers, field)) secrets.put(name, answers.get(field));
        });
        return secrets;
    }

    /**
     * Overrides for the phases after a target is chosen (iscsi_getdevices, create_storage_domain):
     * the role logs in to every address of he_iscsi_portal_addr zipped with he_iscsi_portal_port,
     * both split at ',' (iscsi_getdevices.yml), so both must list the chosen portal group's
     * portals, not the discovery portal. Ports come from discovery when the target is known,
     * else the typed port is repeated.
     */
    public static Map<String, Object> iscsiLogin(Answers answers, StorageDevices devices) {
        Optional<Long> tpgt = Syntax.parseInteger(answers.get(ISCSI_TPGT));
        Optional<StorageDevices.IscsiTarget> target = (devices == null ? StorageDevices.none() : devices).targets()
                .stream().filter(t -> t.iqn().equals(answers.get(ISCSI_TARGET))
                        && tpgt.filter(n -> n == t.tpgt()).isPresent()).findFirst();
        List<String> addresses = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        if (target.isPresent()) {
            for (String portal : target.get().portals()) {
                addresses.add(StorageDevices.IscsiTarget.address(portal));
                ports.add(StorageDevices.IscsiTarget.port(portal).orElse(answers.get(ISCSI_PORTAL_PORT)));
            }
        } else {
            for (String a : answers.get(ISCSI_TARGET_PORTALS).split(",")) {
                if (a.isBlank()) continue;
                addresses.add(a.strip());
                ports.add(answers.get(ISCSI_PORTAL_PORT));
            }
        }
        Map<String, Object> login = new LinkedHashMap<>();
        login.put("he_iscsi_portal_addr", String.join(",", addresses));
        login.put("he_iscsi_portal_port", String.join(",", ports));
        return login;
    }

    /** Secret variable → the field it fills (a confirmation field takes the same value). */
    public static Map<String, Field> secretFields() { return SECRETS; }

    /** Names of every variable this class can ever write. */
    public static Set<String> names() { return NAMES; }

    /** Variables made from an answer rather than being it: an answer file may hold them, they are not read back. */
    public static Set<String> derivedNames() { return DERIVED_NAMES; }

    static Map<String, Object> flatten(Answers answers) {
        Map<String, Object> flat = new LinkedHashMap<>();
        byStep(answers).values().forEach(flat::putAll);
        return flat;
    }

    /** One step's variables in display order: each answer's own, then those derived from it. */
    private static Map<String, Object> step(Answers answers, Step step) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (Field field : Field.of(step)) {
            field.variable().filter(name -> !field.secret() && field.when().holds(answers, field))
                    .ifPresent(name -> write(answers, field, name, vars));
            for (Derived d : DERIVED) {
                if (d.from() == field && d.when().holds(answers, field)) vars.put(d.variable(), d.value().apply(answers));
            }
        }
        return Collections.unmodifiableMap(vars);
    }

    private static void write(Answers answers, Field field, String name, Map<String, Object> vars) {
        String text = answers.get(field);
        switch (field.write()) {
            case AS_TYPED -> vars.put(name, text);
            case STRIPPED -> vars.put(name, text.strip());
            case FLAG -> vars.put(name, answers.flag(field));
            case LIST -> vars.put(name, String.join(",", Arrays.stream(text.split(",", -1)).map(String::strip).toList()));
            case NUMBER -> {
                if (!text.isEmpty()) vars.put(name, Syntax.parseInteger(text).map(RoleVariables::narrow).orElse(text));
            }
            case SECRET -> throw new IllegalArgumentException(name + " is a secret");
        }
    }

    private static String hostPart(String fqdn) {
        int dot = fqdn.indexOf('.');
        return dot < 0 ? fqdn : fqdn.substring(0, dot);
    }

    private static String domainPart(String fqdn) {
        int dot = fqdn.indexOf('.');
        return dot < 0 ? "" : fqdn.substring(dot + 1);
    }

    /** An Integer when it fits, else the Long (a ?: would promote both to Long). */
    private static Object narrow(long value) {
        if (value == (int) value) return Integer.valueOf((int) value);
        return Long.valueOf(value);
    }
}
