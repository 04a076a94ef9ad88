package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.messages.Messages;
import hostedengine.preflight.Preflight;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every pre-flight check says what it checks, what was found and how to fix it, in both languages. */
class PreflightMessagesTest {
    private final Messages messages = new Messages();
    /** Each check's outcomes that are not a pass (they need a fix). */
    private static final Map<String, List<String>> NOT_PASSING = Map.of(
            "engineFqdn", List.of("unresolvable", "resolvesToHost", "noReverse", "reverseMismatch"),
            "hostFqdn", List.of("unresolvable", "notOnNic"),
            "diskSpace", List.of("low", "unknown"),
            "memory", List.of("low"),
            "cpu", List.of("missing", "unknown"),
            "clock", List.of("notSynchronized", "unknown"),
            "tools", List.of("missing", "unknown"),
            "appliance", List.of("missing"),
            "proxy", List.of("applies"),
            "deployment", List.of("deployed", "traces", "unknown", "hostNotConnected"));

    @Test
    void everyCheckHasItsWordsInEnglishAndJapanese() {
        assertThat(NOT_PASSING.keySet()).containsExactlyInAnyOrderElementsOf(Preflight.IDS);
        for (Locale locale : Messages.SUPPORTED) {
            for (String id : Preflight.IDS) {
                for (String part : List.of("title", "about", "ok")) {
                    assertThat(messages.has(locale, "preflight." + id + "." + part)).as(locale + " " + id + " " + part).isTrue();
                }
                for (String outcome : NOT_PASSING.get(id)) {
                    assertThat(messages.has(locale, "preflight." + id + "." + outcome)).as(locale + " " + id + " " + outcome).isTrue();
                    assertThat(messages.has(locale, "preflight." + id + "." + outcome + ".fix")).as(locale + " fix " + outcome).isTrue();
                }
            }
        }
        assertThat(messages.text(Locale.JAPANESE, "preflight.status.failure")).isEqualTo("失敗");
        assertThat(messages.text(Locale.ENGLISH, "preflight.engineFqdn.reverseMismatch", "m.example.com", "192.0.2.77", "o.example.com"))
                .isEqualTo("m.example.com resolves to 192.0.2.77, but 192.0.2.77 resolves back to o.example.com.");
    }
}
