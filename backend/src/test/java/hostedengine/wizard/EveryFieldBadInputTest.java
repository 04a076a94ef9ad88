package hostedengine.wizard;

import static hostedengine.wizard.Field.*;
import static hostedengine.wizard.Fixtures.valid;
import static hostedengine.wizard.Fixtures.validIscsi;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same hostile inputs thrown at every field: whatever a field accepts, it never
 * passes control characters, over-long text, or shell text in the variables the role
 * pastes into commands; and every key emitted is one the message bundles know.
 */
class EveryFieldBadInputTest {

    /** Answers under which the field is shown and checked. */
    private static Answers context(Field field) {
        return switch (field) {
            case ISCSI_PORTAL_ADDRESS, ISCSI_PORTAL_PORT, ISCSI_USERNAME, ISCSI_PASSWORD, ISCSI_DISCOVER_USERNAME,
                    ISCSI_DISCOVER_PASSWORD, ISCSI_TARGET, ISCSI_TPGT, ISCSI_TARGET_PORTALS, LUN_ID -> validIscsi();
            case TCP_TEST_ADDRESS, TCP_TEST_PORT -> valid().with(NETWORK_TEST, "tcp")
                    .with(TCP_TEST_ADDRESS, "10.0.0.1").with(TCP_TEST_PORT, "443");
            default -> valid();
        };
    }

    /** The field plus, for passwords, the same value in the confirmation. */
    private static Answers typed(Field field, String value) {
        Answers a = context(field).with(field, value);
        if (field == ROOT_PASSWORD) a = a.with(ROOT_PASSWORD_CONFIRM, value);
        if (field == ADMIN_PASSWORD) a = a.with(ADMIN_PASSWORD_CONFIRM, value);
        return a;
    }

    private static List<FieldError> errors(Field field, String value) {
        return Fixtures.rules().checkAll(typed(field, value), Fixtures.devices()).stream()
                .filter(e -> e.field() == field && e.blocking()).toList();
    }

    /** Only the iSCSI TPGT has no rule of its own: it is checked as part of the target. */
    private static final Set<Field> NOT_CHECKED_ALONE = EnumSet.of(ISCSI_TPGT);

    private static final Set<Field> OPTIONAL = EnumSet.of(ROOT_SSH_PUBLIC_KEY, APPLIANCE_OVA, MOUNT_OPTIONS,
            ISCSI_USERNAME, ISCSI_PASSWORD, ISCSI_DISCOVER_USERNAME, ISCSI_DISCOVER_PASSWORD, ISCSI_TPGT,
            ISCSI_TARGET_PORTALS, EDIT_HOSTS_FILE, PAUSE_HOST, APPLY_OPENSCAP_PROFILE, DISCARD,
            ROOT_PASSWORD_CONFIRM, ADMIN_PASSWORD_CONFIRM);

    static Stream<Field> checkedFields() {
        return Stream.of(Field.values()).filter(f -> !NOT_CHECKED_ALONE.contains(f));
    }

    @Test
    void everyFieldHasItsContextValid() {
        for (Field f : Field.values()) {
            assertThat(Fixtures.rules().checkAll(context(f), Fixtures.devices())).as(f.id()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("checkedFields")
    void emptyIsRequiredUnlessOptional(Field field) {
        List<String> keys = errors(field, "").stream().map(FieldError::key).toList();
        if (OPTIONAL.contains(field) || field == ISCSI_TARGET_PORTALS) {
            assertThat(keys).as(field.id()).doesNotContain("error.required");
        } else {
            assertThat(keys).as(field.id()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("checkedFields")
    void textOverTheLimitIsTooLong(Field field) {
        String tooLong = "7".repeat(field.maxLength() + 1);
        assertThat(errors(field, tooLong)).as(field.id()).extracting(FieldError::key)
                .containsExactly("error.tooLong");
        assertThat(errors(field, tooLong).get(0).args()).containsExactly(String.valueOf(field.maxLength()));
    }

    static Stream<Arguments> controlCharacters() {
        return checkedFields().flatMap(f -> Stream.of("\n", "\r", "\t", "\u0000", "\u007f", "\u001b[31m", "\u0085")
                .map(c -> Arguments.of(f, c)));
    }

    @ParameterizedTest
    @MethodSource("controlCharacters")
    void controlCharactersAreRefusedEverywhere(Field field, String control) {
        String value = context(field).get(field).isEmpty() ? "a" + control : context(field).get(field) + control;
        if (value.length() > field.maxLength()) value = control;
        assertThat(errors(field, value)).as(field.id()).extracting(FieldError::key)
                .containsExactly("error.controlCharacters");
    }

    /** The variables the role pastes into shell commands (FIELDS.md). */
    static Stream<Field> shellPasted() {
        return Stream.of(ENGINE_VM_FQDN, HOST_FQDN, BRIDGE_INTERFACE, BRIDGE_NAME, MAC_ADDRESS, VCPUS,
                MEMORY_SIZE_MB, APPLIANCE_OVA, STORAGE_DOMAIN_NAME);
    }

    @ParameterizedTest
    @MethodSource("shellPasted")
    void shellTextIsRefusedInEveryVariableTheRolePastesIntoCommands(Field field) {
        for (String suffix : List.of(";touch /tmp/x", "$(id)", "`id`", "|id", "&&id", " x", "'", "\"", ">x")) {
            String value = context(field).get(field) + suffix;
            assertThat(errors(field, value)).as(field.id() + " " + value).isNotEmpty();
        }
        assertThat(errors(ENGINE_VM_FQDN, "manager.example.com;touch /tmp/x")).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Field.class, names = {"ROOT_PASSWORD", "ADMIN_PASSWORD", "ISCSI_PASSWORD",
            "ISCSI_DISCOVER_PASSWORD", "ISCSI_USERNAME", "ISCSI_DISCOVER_USERNAME"})
    void templateLookingTextIsAcceptedVerbatimInFreeTextFields(Field field) {
        for (String text : List.of("{{ lookup('pipe','id') }}", "{% if true %}x{% endif %}", "key: value",
                "- item", "!!python/object:os.system", "&anchor *alias")) {
            assertThat(errors(field, text)).as(field.id() + " " + text).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("shellPasted")
    void templateLookingTextIsRefusedInWhitelistedFields(Field field) {
        assertThat(errors(field, "{{ 7*7 }}")).as(field.id()).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Field.class, names = {"VM_IP_PREFIX", "VCPUS", "MEMORY_SIZE_MB", "TCP_TEST_PORT",
            "SMTP_PORT", "ISCSI_PORTAL_PORT", "DISK_SIZE_GB"})
    void integerFieldsRefuseWrongTypesAndOutOfRange(Field field) {
        assertThat(errors(field, "x")).extracting(FieldError::key).containsExactly("error.integer");
        assertThat(errors(field, "1.0")).extracting(FieldError::key).containsExactly("error.integer");
        assertThat(errors(field, "1e2")).extracting(FieldError::key).containsExactly("error.integer");
        assertThat(errors(field, "-1")).extracting(FieldError::key).containsAnyOf("error.range", "error.prefix");
    }

    @Test
    void everyEmittedKeyIsKnownWithItsArgumentCount() {
        checkedFields().forEach(field -> {
            for (String value : List.of("", "x", "-1", "99999", "{{ x }}", "a\nb", "7".repeat(field.maxLength() + 1))) {
                for (FieldError e : Fixtures.rules().checkAll(typed(field, value), Fixtures.devices())) {
                    assertThat(ErrorKeys.all()).as(e.key()).containsKey(e.key());
                    assertThat(e.args()).as(e.key()).hasSize(ErrorKeys.all().get(e.key()));
                }
            }
        });
    }
}
