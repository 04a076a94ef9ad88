package hostedengine.failures;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.messages.Messages;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Real failures of the role's tasks and of the modules it calls, each to the row that explains it. */
class FailureTableTest {
    private static final String ROLE = "ovirt.ovirt.hosted_engine_setup : ";
    private final FailureTable table = FailureTable.load();
    private final Messages messages = new Messages();

    private Optional<String> explained(String tag, String task, String message) {
        return table.explain(tag, task, message).map(FailureAdvice::id);
    }

    @Test
    void theHostsUnresolvableNameAndTheEnginesAreDifferentFailuresWithTheSameMessage() {
        assertThat(explained("create_target_vm", ROLE + "Check address resolution", "Unable to resolve address\n"))
                .contains("hostFqdnUnresolved");
        assertThat(explained(null, ROLE + "Check engine he_fqdn resolution", "Unable to resolve address\n"))
                .contains("engineFqdnUnresolved");
        assertThat(explained(null, "Avoid localhost", "localhost is not a valid he_fqdn for the engine VM"))
                .contains("engineFqdnLocalhost");
        assertThat(explained(null, "Avoid localhost", "localhost is not a valid address")).contains("hostFqdnLocalhost");
    }

    @Test
    void theHostsNameOnTheWrongInterfaceIsExplained() {
        assertThat(explained(null, ROLE + "Ensure the resolved address resolves only on the selected interface",
                "hostname 'host.example.com' doesn't uniquely match the interface 'eth0' selected for the management bridge; "
                        + "it matches also interface with IP ['192.0.2.7']. Please make sure that the hostname got from the "
                        + "interface for the management network resolves only there."))
                .contains("hostFqdnOnSeveralInterfaces");
    }

    @Test
    void storageFailuresAreToldApartByTheEnginesWords() {
        assertThat(explained("create_storage_domain", ROLE + "Check storage domain free space",
                "Error: the target storage domain contains only 45.0GiB of available space while a minimum of 61.0GiB is required "
                        + "If you wish to use the current target storage domain by extending it, make sure it contains nothing before adding it."))
                .contains("storageFreeSpace");
        assertThat(explained("create_storage_domain", ROLE + "Add NFS storage domain",
                "Fault reason is \"Operation Failed\". Fault detail is \"[Permission settings on the specified path do not allow "
                        + "access to the storage. Verify permission settings on the specified storage path.]\". HTTP response code is 400."))
                .contains("storagePermission");
        assertThat(explained("create_storage_domain", ROLE + "Add NFS storage domain",
                "Fault reason is \"Operation Failed\". Fault detail is \"[Problem while trying to mount target]\". HTTP response code is 400."))
                .contains("storageUnreachable");
        assertThat(explained("create_storage_domain", ROLE + "Add iSCSI storage domain",
                "Fault reason is \"Operation Failed\". Fault detail is \"[Physical device initialization failed. Please check that "
                        + "the device is empty and accessible by the host.]\". HTTP response code is 400."))
                .contains("storageLunInUse");
        assertThat(explained("create_storage_domain", ROLE + "Add glusterfs storage domain", "Fault reason is \"Operation Failed\"."))
                .contains("storageOther");
    }

    @Test
    void theGenericNotifyTaskIsSpecificWhereItsMessageOrTagTellsMore() {
        String notify = ROLE + "Notify the user about a failure";
        String notProvisioned = "The system may not be provisioned according to the playbook results: please check the logs for the issue, "
                + "fix accordingly or re-deploy from scratch.\n";
        assertThat(explained("bootstrap_local_vm", notify, "Host is not up, please check logs, perhaps also on the engine machine"))
                .contains("hostNotUp");
        assertThat(explained("bootstrap_local_vm", notify, "There was a failure deploying the engine on the local engine VM. " + notProvisioned))
                .contains("localEngineSetup");
        assertThat(explained("bootstrap_local_vm", notify, notProvisioned)).contains("bootstrapFailed");
        assertThat(explained("create_target_vm", notify, notProvisioned)).contains("targetVmFailed");
        assertThat(explained(null, notify, notProvisioned)).contains("notProvisioned");
    }

    @Test
    void aNonOperationalHostAndTheEnginesHealthAreExplained() {
        assertThat(explained("bootstrap_local_vm", ROLE + "Fail with error description",
                "The host has been set in non_operational status, deployment errors: code 9000: Failed to verify Power Management "
                        + "configuration for Host host.example.com., fix accordingly and re-deploy."))
                .contains("hostNonOperationalDescribed");
        assertThat(explained("create_target_vm", ROLE + "Check engine VM health", "non-zero return code")).contains("engineHealth");
    }

    @Test
    void anUnknownFailureHasNoRow() {
        assertThat(table.match("bootstrap_local_vm", ROLE + "Some task no role has", "boom")).isEmpty();
        assertThat(table.match(null, "Avoid localhost", "a message the role never prints")).isEmpty();
        assertThat(table.match(null, null, "no task")).isEmpty();
        assertThat(table.match("bootstrap_local_vm", "Create local VM", "")).isPresent();
        assertThat(table.match("create_target_vm", "Create local VM", "")).as("a row for one tag only").isEmpty();
    }

    @Test
    void aFailureTheWizardCannotCauseIsKnownButNotExplained() {
        assertThat(table.match(null, ROLE + "Enforce FIPS mode", "FIPS mode is not enabled as required"))
                .hasValueSatisfying(a -> assertThat(a.advised()).isFalse());
        assertThat(table.explain(null, ROLE + "Enforce FIPS mode", "FIPS mode is not enabled as required")).isEmpty();
    }

    @Test
    void theExplanationIsInJapaneseToo() {
        FailureAdvice storage = table.explain("create_storage_domain", "Check storage domain free space", "Error: …").orElseThrow();
        assertThat(messages.text(Locale.ENGLISH, storage.causeKey())).contains("free space");
        assertThat(messages.text(Locale.JAPANESE, storage.causeKey())).contains("空き容量");
        assertThat(messages.text(Locale.JAPANESE, storage.fixKey())).contains("74 GiB");
        assertThat(storage.guide()).contains("2.1");
        assertThat(messages.text(Locale.JAPANESE, FailureAdvice.guideKey("2.1"))).startsWith("2.1. Cockpit を使用した");
        assertThat(messages.text(Locale.ENGLISH, "failure.hostFqdnUnresolved.cause")).contains("host's FQDN");
    }

    @Test
    void aRescuesSummaryIsExplainedByTheFailureBeforeIt() {
        String notify = ROLE + "Notify the user about a failure";
        String summary = "The system may not be provisioned according to the playbook results: please check the logs for the issue, "
                + "fix accordingly or re-deploy from scratch.\n";
        var space = new FailureTable.Failed("bootstrap_local_vm", ROLE + "Ensure we have enough space to extract the appliance",
                "/var/tmp doesn't provide enough free space to extract the engine appliance: 2048 Mb are available while 5632 Mb are required.\n");
        assertThat(table.explainRun(java.util.List.of(space, new FailureTable.Failed("bootstrap_local_vm", notify, summary))))
                .map(FailureAdvice::id).contains("applianceSpace");
        var unknown = new FailureTable.Failed("bootstrap_local_vm", ROLE + "Some task no role has", "boom");
        assertThat(table.explainRun(java.util.List.of(unknown, new FailureTable.Failed("bootstrap_local_vm", notify, summary))))
                .as("nothing better before it: the summary's own row").map(FailureAdvice::id).contains("bootstrapFailed");
        assertThat(table.explainRun(java.util.List.of(space, new FailureTable.Failed("create_target_vm", ROLE + "Check engine VM health", ""))))
                .as("a specific last failure is not replaced").map(FailureAdvice::id).contains("engineHealth");
        assertThat(table.explainRun(java.util.List.of())).isEmpty();
    }
}
