package hostedengine.wizard;

import static hostedengine.wizard.Field.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the answer file {@code hosted-engine --deploy} writes and reads: an
 * {@code [environment:default]} section of {@code OVEHOSTED_X/key=type:value} lines.
 * Key names are ovirt-hosted-engine-setup's ({@code ovirt_hosted_engine_setup/constants.py}).
 */
final class OtopiAnswerFile {
    private OtopiAnswerFile() {}

    private static final String SECTION = "[environment:default]";

    static ImportResult read(String text) {
        Map<String, String> entries = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        boolean inSection = false;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            if (line.startsWith("[")) {
                inSection = line.equals(SECTION);
                continue;
            }
            int eq = line.indexOf('=');
            if (!inSection || eq <= 0) continue;
            String key = line.substring(0, eq).strip();
            if (isSecret(key)) secrets.add(key);
            else entries.put(key, line.substring(eq + 1));
        }
        return map(entries, secrets);
    }

    /** Passwords under any name (cloudinitRootPwd, adminPassword, iSCSIPortalPassword, QUESTION/…/…_PASSWORD). */
    private static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("passw") || k.contains("pwd") || k.contains("passwd");
    }

    private static ImportResult map(Map<String, String> entries, List<String> secrets) {
        Map<Field, String> values = new EnumMap<>(Field.class);
        List<String> ignored = new ArrayList<>();
        entries.forEach((key, typed) -> {
            Optional<Field> field = Arrays.stream(Field.values())
                    .filter(f -> f.answerFileKey().filter(key::equals).isPresent()).findFirst();
            if (field.isPresent()) fill(field.get(), value(typed), values);
            else ignored.add(key);
        });
        values.putIfAbsent(NETWORK_CONFIGURATION, (values.containsKey(VM_IP_ADDRESS) ? NetworkConfiguration.STATIC
                : NetworkConfiguration.DHCP).value());
        return new ImportResult(Answers.of(values), ignored, secrets);
    }

    /** Fills the answer of a key: as is, or translated where hosted-engine wrote it differently. */
    private static void fill(Field field, String value, Map<Field, String> values) {
        switch (field) {
            case VM_IP_ADDRESS -> staticCidr(value, values);
            case DEST_EMAILS -> {
                if (value != null) values.put(DEST_EMAILS, listOf(value));
            }
            case STORAGE_TYPE -> domainType(value, values);
            case ISCSI_PORTAL_ADDRESS -> {
                if (value != null) {
                    values.put(ISCSI_TARGET_PORTALS, listOf(value));
                    values.put(ISCSI_PORTAL_ADDRESS, listOf(value).split(",")[0]);
                }
            }
            case ISCSI_PORTAL_PORT -> {
                if (value != null) values.put(ISCSI_PORTAL_PORT, listOf(value).split(",")[0]);
            }
            default -> {
                if (value != null) values.put(field, value);
            }
        }
    }

    /** "192.168.1.120/24" → static, address and prefix; empty or none → DHCP. */
    private static void staticCidr(String value, Map<Field, String> values) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("dhcp")) {
            values.put(NETWORK_CONFIGURATION, NetworkConfiguration.DHCP.value());
            return;
        }
        values.put(NETWORK_CONFIGURATION, NetworkConfiguration.STATIC.value());
        int slash = value.indexOf('/');
        values.put(VM_IP_ADDRESS, slash < 0 ? value : value.substring(0, slash));
        if (slash >= 0) values.put(VM_IP_PREFIX, value.substring(slash + 1));
    }

    /** hosted-engine wrote nfs3/nfs4 before it had a separate NFS version question. */
    private static void domainType(String value, Map<Field, String> values) {
        if (value == null) return;
        switch (value) {
            case "nfs3" -> { values.put(STORAGE_TYPE, StorageType.NFS.value()); values.putIfAbsent(NFS_VERSION, "v3"); }
            case "nfs4" -> { values.put(STORAGE_TYPE, StorageType.NFS.value()); values.putIfAbsent(NFS_VERSION, "v4"); }
            default -> values.put(STORAGE_TYPE, value);
        }
    }

    /** Commas, spaces or a multi-str list → "a,b,c". */
    private static String listOf(String value) {
        String bare = value.strip();
        if (bare.startsWith("[") && bare.endsWith("]")) bare = bare.substring(1, bare.length() - 1);
        return Arrays.stream(bare.split("[,\\s]+")).map(s -> s.replaceAll("^['\"]|['\"]$", ""))
                .filter(s -> !s.isEmpty()).collect(Collectors.joining(","));
    }

    /**
     * The value of "type:value": str and int as written, bool as "true"/"false", none as
     * null (not answered), multi-str as a comma list. A value without a known type is kept whole.
     */
    static String value(String typed) {
        int colon = typed.indexOf(':');
        String type = colon < 0 ? "" : typed.substring(0, colon);
        String value = colon < 0 ? typed : typed.substring(colon + 1);
        return switch (type) {
            case "str", "int" -> value;
            case "bool" -> String.valueOf(Boolean.parseBoolean(value.strip()));
            case "none" -> null;
            case "multi-str" -> listOf(value);
            default -> typed;
        };
    }
}
