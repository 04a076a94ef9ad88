package hostedengine.wizard;

import static hostedengine.wizard.Field.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Field is the one table of what each answer is known by: its form id, its role variable, its
 * key in a {@code hosted-engine --deploy} answer file, whether it is a secret. Everything else
 * (the vars files, the review's secret rows, the JSON and otopi imports, the command line's
 * secrets file) is derived from it; these tests list each field's names and show each path
 * honours them. (The bundles' texts for each id: MessagesTest; each variable against the
 * installed role: RoleContractTest.)
 */
class FieldTableTest {

    /** Answers in which every variable's condition holds for {@code field}. */
    private static Answers answersWriting(Field field) {
        Answers a = switch (field.when()) {
            case ISCSI, ISCSI_IF_SET, BLOCK_STORAGE -> Fixtures.validIscsi();
            case TCP -> Fixtures.valid().with(NETWORK_TEST, "tcp");
            default -> Fixtures.valid();
        };
        if (a.get(field).isEmpty()) a = a.with(field, sample(field));
        return a;
    }

    private static String sample(Field field) {
        return switch (field.kind()) {
            case INTEGER -> "443";
            case BOOLEAN -> "true";
            case SECRET -> "canary-" + field.id();
            case TEXT, CHOICE -> field == TCP_TEST_ADDRESS ? "10.0.0.1"
                    : field == APPLIANCE_OVA ? Fixtures.OVA : "user-" + field.id();
        };
    }

    @Test
    void everyFieldIsListedWithWhatItIsKnownBy() {
        List<String> listing = new ArrayList<>();
        for (Field f : Field.values()) {
            listing.add(String.join(" | ", f.id(), f.step().id(), f.variable().orElse("-"),
                    f.answerFileKey().orElse("-"), f.secret() ? "secret" : ""));
        }
        assertThat(listing).as("one line per field").hasSize(Field.values().length).doesNotHaveDuplicates();
        assertThat(Field.values()).as("a role variable names one answer only")
                .allSatisfy(f -> f.variable().ifPresent(v -> assertThat(Field.byVariable(v)).contains(f)));
        assertThat(Field.values()).as("secrets are never read from an answer file")
                .allSatisfy(f -> assertThat(f.secret() && f.answerFileKey().isPresent()).as(f.id()).isFalse());
    }

    @Test
    void eachAnswersVariableIsWrittenAndReadBackFromOurAnswerFile() {
        for (Field f : Field.values()) {
            if (f.variable().isEmpty() || f.secret()) continue;
            Answers a = answersWriting(f);
            Map<String, Object> vars = RoleVariables.all(a);
            String name = f.variable().get();
            assertThat(vars).as(f.id()).containsKey(name);
            assertThat(RoleVariables.names()).contains(name);
            assertThat(AnswerFiles.variableOf(f)).isEqualTo(name);
            Answers back = AnswerFiles.fromRoleVariables(Map.of(name, vars.get(name))).answers();
            assertThat(back.get(f)).as(f.id() + " read back from " + name).isEqualTo(a.get(f).strip());
        }
    }

    @Test
    void eachSecretGoesOverTheSecretsChannelOnlyAndIsNeverTakenFromAFile() {
        for (Field f : Field.values()) {
            if (!f.secret() || f.variable().isEmpty()) continue;
            Answers a = answersWriting(f);
            String name = f.variable().get();
            assertThat(RoleVariables.secretFields()).as(f.id()).containsEntry(name, f);
            assertThat(RoleVariables.secrets(a)).containsEntry(name, a.get(f));
            assertThat(RoleVariables.all(a)).as("a vars file never holds " + name).doesNotContainKey(name)
                    .doesNotContainValue(a.get(f));
            var imported = AnswerFiles.fromRoleVariables(Map.of(name, a.get(f)));
            assertThat(imported.ignoredSecrets()).containsExactly(name);
            assertThat(imported.answers().get(f)).isEmpty();
        }
        assertThat(RoleVariables.secretFields().values()).allMatch(Field::secret);
    }

    @Test
    void eachAnswerFileKeyFillsItsField() {
        for (Field f : Field.values()) {
            if (f.answerFileKey().isEmpty()) continue;
            String value = f.kind() == Kind.BOOLEAN ? "bool:True" : "str:" + sample(f);
            Answers a = AnswerFiles.fromOtopi("[environment:default]\n" + f.answerFileKey().get() + "=" + value + "\n")
                    .answers();
            String expected = f.kind() == Kind.BOOLEAN ? "true" : sample(f);
            assertThat(a.get(f)).as(f.answerFileKey().get()).isEqualTo(expected);
        }
    }
}
