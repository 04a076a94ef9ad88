package hostedengine.host;

import hostedengine.wizard.ReadBack;
import hostedengine.wizard.StorageDevices.IscsiTarget;
import hostedengine.wizard.StorageDevices.Lun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the role's discovery tags register (ovirt.ovirt 2.4.1), as our callback records it:
 * <ul>
 * <li>{@code otopi_iscsi_targets}: the {@code ovirt_host} (state {@code iscsidiscover}) result,
 *     whose {@code iscsi_targets_struct} lists one IscsiDetails per discovered portal:
 *     {@code address} (an IPv6 one without brackets), {@code port}, {@code target} and
 *     {@code portal}, which the engine's REST mapper writes as {@code "<address>:<port>,<TPGT>"};</li>
 * <li>{@code otopi_iscsi_devices} / {@code otopi_fc_devices}: the {@code ovirt_host_storage_info}
 *     result, {@code ovirt_host_storages}: HostStorage dicts whose {@code logical_units} carry
 *     {@code id}, {@code size} (bytes), {@code vendor_id}, {@code product_id}, {@code status},
 *     {@code paths}. (Older roles put that list under {@code ansible_facts}.)</li>
 * </ul>
 * Pure: no I/O, so every shape is unit-tested.
 */
public final class DiscoveryResults {
    private static final Pattern FAULT_DETAIL = Pattern.compile("Fault detail is \"\\[?(.*?)\\]?\"");
    private static final Pattern FAULT_REASON = Pattern.compile("Fault reason is \"(.*?)\"");
    private static final int READABLE_MAX = 300;

    private DiscoveryResults() {}

    /** The discovered targets, one per (IQN, TPGT) in the order first seen, each with its portals. */
    public static List<IscsiTarget> targets(Object registered) throws StorageDiscoveryException {
        Object struct = map(registered, "otopi_iscsi_targets").get("iscsi_targets_struct");
        if (struct == null) return List.of();
        if (!(struct instanceof List<?> details)) throw unexpected("otopi_iscsi_targets.iscsi_targets_struct is not a list");
        Map<String, List<String>> portalsByTarget = new LinkedHashMap<>();
        for (Object d : details) {
            Map<?, ?> detail = map(d, "an iSCSI target");
            String iqn = text(detail.get("target"));
            String address = text(detail.get("address"));
            String port = text(detail.get("port"));
            if (iqn.isEmpty() || address.isEmpty()) throw unexpected("an iSCSI target without target or address: " + detail);
            int tpgt = tpgt(text(detail.get("portal")));
            // These come back from the host and are sent to the role again (he_iscsi_target,
            // he_iscsi_portal_addr, he_iscsi_tpgt): each must pass its variable's rule first.
            refuse(ReadBack.iqn(iqn));
            refuse(ReadBack.portalAddress(address));
            if (!port.isEmpty()) refuse(ReadBack.port(port));
            refuse(ReadBack.tpgt(tpgt));
            String portal = (address.contains(":") ? "[" + address + "]" : address) + (port.isEmpty() ? "" : ":" + port);
            List<String> portals = portalsByTarget.computeIfAbsent(tpgt + "|" + iqn, k -> new ArrayList<>());
            if (!portals.contains(portal)) portals.add(portal);
        }
        List<IscsiTarget> targets = new ArrayList<>();
        portalsByTarget.forEach((key, portals) -> {
            int bar = key.indexOf('|');
            targets.add(new IscsiTarget(key.substring(bar + 1), Integer.parseInt(key.substring(0, bar)), portals));
        });
        return targets;
    }

    /** The logical units of an {@code ovirt_host_storage_info} result. */
    public static List<Lun> luns(Object registered, String name) throws StorageDiscoveryException {
        Map<?, ?> result = map(registered, name);
        Object storages = result.get("ovirt_host_storages");
        if (storages == null && result.get("ansible_facts") instanceof Map<?, ?> facts) storages = facts.get("ovirt_host_storages");
        if (storages == null) return List.of();
        if (!(storages instanceof List<?> list)) throw unexpected(name + ".ovirt_host_storages is not a list");
        List<Lun> luns = new ArrayList<>();
        for (Object s : list) {
            Object units = map(s, "a host storage").get("logical_units");
            if (!(units instanceof List<?> unitList)) continue;
            for (Object u : unitList) {
                Map<?, ?> unit = map(u, "a logical unit");
                String id = text(unit.get("id"));
                if (id.isEmpty()) throw unexpected("a logical unit without id");
                refuse(ReadBack.lunId(id)); // sent back as he_lun_id
                luns.add(new Lun(id, number(unit.get("size")), text(unit.get("vendor_id")), text(unit.get("product_id")),
                        text(unit.get("status")).isEmpty() ? "free" : text(unit.get("status")), (int) number(unit.get("paths"))));
            }
        }
        return luns;
    }

    /**
     * The role's failure message, readably: the engine's fault detail when there is one
     * ({@code Fault reason is "Operation Failed". Fault detail is "[Failed discovery of iSCSI
     * targets]". HTTP response code is 400.} → {@code Failed discovery of iSCSI targets (Operation
     * Failed)}), otherwise the first line, shortened.
     */
    public static String readable(String message) {
        if (message == null || message.isBlank()) return "";
        Matcher detail = FAULT_DETAIL.matcher(message);
        if (detail.find() && !detail.group(1).isBlank()) {
            Matcher reason = FAULT_REASON.matcher(message);
            return detail.group(1).strip() + (reason.find() ? " (" + reason.group(1).strip() + ")" : "");
        }
        String first = message.strip().lines().findFirst().orElse("").strip();
        return first.length() > READABLE_MAX ? first.substring(0, READABLE_MAX) + "…" : first;
    }

    /** "10.0.0.5:3260,1" → 1; "fd00::5:3260,2" → 2; a bare "3" → 3 (the TPGT after the last comma). */
    static int tpgt(String portal) throws StorageDiscoveryException {
        String text = portal.substring(portal.lastIndexOf(',') + 1).strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw unexpected("an iSCSI portal without a portal group tag: \"" + portal + "\"");
        }
    }

    /** A value read back that fails its rule stops discovery: nothing of this answer is used. */
    private static void refuse(java.util.Optional<String> problem) throws StorageDiscoveryException {
        if (problem.isPresent()) throw new StorageDiscoveryException(problem.get());
    }

    private static Map<?, ?> map(Object value, String what) throws StorageDiscoveryException {
        if (value instanceof Map<?, ?> m) return m;
        throw unexpected(what + " is " + (value == null ? "missing" : "not an object"));
    }

    private static String text(Object value) { return value == null ? "" : String.valueOf(value).strip(); }

    private static long number(Object value) throws StorageDiscoveryException {
        if (value == null) return 0;
        if (value instanceof Number n) return n.longValue();
        try {
            return Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw unexpected("\"" + value + "\" is not a number");
        }
    }

    private static StorageDiscoveryException unexpected(String what) {
        return new StorageDiscoveryException("the role's answer has an unexpected shape: " + what);
    }
}
