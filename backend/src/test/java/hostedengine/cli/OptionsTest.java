package hostedengine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The commands read their options the one way (OptionScanner) and say what is wrong with them. */
class OptionsTest {

    @Test
    void valuesComeAfterTheFlagOrAfterItsEqualsSign() throws CliProblem {
        var a = DeployOptions.parse(new String[] {"--answers", "a.json", "--secrets=s.json", "--simulate"});
        assertThat(a.answers()).isEqualTo(Path.of("a.json"));
        assertThat(a.secrets()).contains(Path.of("s.json"));
        assertThat(a.simulate()).isTrue();
        var s = StatusOptions.parse(new String[] {"--json", "--state-dir=/tmp/x"});
        assertThat(s.json()).isTrue();
        assertThat(s.stateDir()).contains(Path.of("/tmp/x"));
        var c = ContinueOptions.parse(new String[] {"20261206-finish-abc", "--state-dir", "/tmp/y"});
        assertThat(c.runId()).isEqualTo("20261206-finish-abc");
        assertThat(c.stateDir()).isEqualTo(Optional.of(Path.of("/tmp/y")));
    }

    @Test
    void aMissingOrUnwantedValueAndAnUnknownFlagAreNamed() {
        assertThatThrownBy(() -> DeployOptions.parse(new String[] {"--answers"}))
                .isInstanceOf(CliProblem.class).hasMessage("--answers needs a value; see --help");
        assertThatThrownBy(() -> DeployOptions.parse(new String[] {"--answers", "--simulate"}))
                .hasMessage("--answers needs a value; see --help");
        assertThatThrownBy(() -> StatusOptions.parse(new String[] {"--json=yes"}))
                .hasMessage("--json takes no value; see --help");
        assertThatThrownBy(() -> StatusOptions.parse(new String[] {"--jsn"}))
                .hasMessageContaining("unknown option --jsn");
        assertThatThrownBy(() -> ContinueOptions.parse(new String[] {"run-a", "run-b"}))
                .hasMessageContaining("unexpected run-b");
        assertThatThrownBy(() -> DeployOptions.parse(new String[] {"--simulate"}))
                .hasMessageContaining("--answers FILE is required");
    }
}
