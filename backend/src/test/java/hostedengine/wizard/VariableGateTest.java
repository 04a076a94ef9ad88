package hostedengine.wizard;

import static hostedengine.wizard.Field.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The one gate between answers and a vars file: what each path needs, and what is left out. */
class VariableGateTest {
    private static final Rules RULES = Fixtures.rules();

    /** Each variable the role pastes into a shell (FIELDS.md), its field and a shell-looking value. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "he_fqdn|ENGINE_VM_FQDN|manager.example.com;touch /tmp/x",
            "he_host_address|HOST_FQDN|host1.example.com$(id)",
            "he_bridge_if|BRIDGE_INTERFACE|eth0;id",
            "he_mgmt_network|BRIDGE_NAME|ovirt`id`",
            "he_vm_mac_addr|MAC_ADDRESS|00:16:3e:12:34:56 ;id",
            "he_vcpus|VCPUS|4;id",
            "he_mem_size_MB|MEMORY_SIZE_MB|16384 -x",
            "he_appliance_ova|APPLIANCE_OVA|/tmp/a.ova;reboot",
            "he_storage_domain_name|STORAGE_DOMAIN_NAME|hosted$(reboot)"})
    void aShellLookingValueIsRefusedWhereNeededAndNeverWritten(String variable, Field field, String value) {
        Answers answers = Fixtures.valid().with(field, value);

        var finish = VariableGate.admit(RULES, answers, Fixtures.devices(), VariableGate.Need.FINISH);
        var prepare = VariableGate.admit(RULES, answers, Fixtures.devices(), VariableGate.Need.PREPARE_VM);

        assertThat(finish).isInstanceOfSatisfying(VariableGate.Refused.class, r -> {
            assertThat(r.step()).isEqualTo(field.step());
            assertThat(r.errors()).extracting(FieldError::field).contains(field);
        });
        if (field.step() == Step.STORAGE) {
            // Prepare VM does not need it: it goes ahead, without that variable.
            assertThat(prepare).isInstanceOfSatisfying(VariableGate.Admitted.class,
                    a -> assertThat(a.vars()).doesNotContainKey(variable).doesNotContainValue(value));
        } else {
            assertThat(prepare).isInstanceOf(VariableGate.Refused.class);
        }
    }

    @Test
    void validAnswersAreAdmittedWithTheFixedValuesAndTheirSecrets() {
        var verdict = VariableGate.admit(RULES, Fixtures.valid(), Fixtures.devices(), VariableGate.Need.FINISH);

        assertThat(verdict).isInstanceOfSatisfying(VariableGate.Admitted.class, a -> {
            assertThat(a.vars()).containsEntry("he_fqdn", "manager.example.com").containsEntry("he_vm_name", "HostedEngine");
            assertThat(a.secrets()).containsOnlyKeys("he_appliance_password", "he_admin_password");
        });
    }

    @Test
    void discoveryDoesNotNeedTheLunButLeavesAFailingOneOut() {
        Answers iscsi = Fixtures.validIscsi().with(LUN_ID, "36001405missing");

        var verdict = VariableGate.admit(RULES, iscsi, Fixtures.devices(), VariableGate.Need.ISCSI_DISCOVER);

        assertThat(verdict).isInstanceOfSatisfying(VariableGate.Admitted.class,
                a -> assertThat(a.vars()).doesNotContainKey("he_lun_id").containsKey("he_iscsi_portal_addr"));
    }

    @Test
    void aMismatchedPasswordConfirmationKeepsThatSecretOutOfEveryRun() {
        Answers answers = Fixtures.validIscsi().with(ADMIN_PASSWORD_CONFIRM, "other");

        var verdict = VariableGate.admit(RULES, answers, Fixtures.devices(), VariableGate.Need.ISCSI_DISCOVER);

        assertThat(verdict).isInstanceOfSatisfying(VariableGate.Refused.class,
                r -> assertThat(r.step()).isEqualTo(Step.ENGINE));
    }

    @Test
    void everyVariableTheAnswersBecomeHasItsSourceAnswers() {
        Set<String> written = RoleVariables.all(Fixtures.validIscsi()).keySet().stream()
                .filter(n -> !RoleVariables.fixed().containsKey(n)).collect(Collectors.toSet());
        written.addAll(RoleVariables.all(Fixtures.valid().with(NETWORK_TEST, "tcp").with(TCP_TEST_ADDRESS, "10.0.0.1")
                .with(TCP_TEST_PORT, "80").with(APPLIANCE_OVA, Fixtures.OVA)).keySet());
        written.removeAll(RoleVariables.fixed().keySet());

        assertThat(written).allSatisfy(n -> assertThat(VariableGate.sources(n)).as(n).isNotEmpty());
        assertThat(RoleVariables.secretFields().keySet()).allSatisfy(n -> assertThat(VariableGate.sources(n)).as(n).isNotEmpty());
    }

    @Test
    void anExportNeverCarriesAValueThatFailsItsRule() {
        Map<String, Object> exported = AnswerFiles.export(RULES, Fixtures.valid().with(VCPUS, "4;id")
                .with(SOURCE_EMAIL, "-oProxyCommand@localhost"), Fixtures.devices());

        assertThat(exported).doesNotContainKeys("he_vcpus", "he_source_email").containsKey("he_fqdn");
    }
}
