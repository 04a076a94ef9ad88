package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.messages.Messages;
import hostedengine.wizard.Choices;
import hostedengine.wizard.Field;
import hostedengine.wizard.RoleVariables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The product speaks English and Japanese completely: no label, help, option or key missing in either. */
class MessagesTest {
    private final Messages messages = new Messages();

    @Test
    void everyFieldHasALabelAndHelpInBothLanguages() {
        for (Locale locale : Messages.SUPPORTED) {
            for (Field f : Field.values()) {
                assertThat(messages.has(locale, "field." + f.id() + ".label")).as(locale + " label " + f.id()).isTrue();
                assertThat(messages.has(locale, "field." + f.id() + ".help")).as(locale + " help " + f.id()).isTrue();
                for (String option : Choices.of(f, TestServer.HOST)) {
                    if (f == Field.BRIDGE_INTERFACE) continue;
                    assertThat(messages.has(locale, "option." + f.id() + "." + option)).as(locale + " option " + option).isTrue();
                }
            }
        }
    }

    @Test
    void everyRoleVariableTheReviewCanShowHasANameInBothLanguages() {
        var names = new TreeSet<>(RoleVariables.names());
        names.addAll(RoleVariables.fixed().keySet());
        for (Locale locale : Messages.SUPPORTED) {
            for (String name : names) assertThat(messages.has(locale, "var." + name)).as(locale + " " + name).isTrue();
        }
    }

    @Test
    void englishAndJapaneseBundlesHaveTheSameKeys() throws IOException {
        for (String base : Messages.BUNDLES) {
            assertThat(keys(base + "_ja.properties")).as(base).isEqualTo(keys(base + "_en.properties"));
        }
    }

    @Test
    void japaneseTextIsJapanese() {
        assertThat(messages.text(Locale.JAPANESE, "field.bridgeInterface.label")).isEqualTo("ブリッジインターフェース");
        assertThat(messages.text(Locale.JAPANESE, "vm.hostLimits", 4, 15000)).contains("4").contains("15,000").contains("仮想 CPU");
    }

    @Test
    void everyKeyNamedLiterallyInATemplateExists() throws IOException {
        var literal = Pattern.compile("#\\{([a-zA-Z][a-zA-Z0-9_.]*)[}(]");
        // The templates' sources, beside this module (surefire runs in backend/).
        var root = Path.of("..", "frontend", "src", "main", "resources", "templates");
        assertThat(root.resolve("layout.html")).exists();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                var m = literal.matcher(Files.readString(file));
                while (m.find()) {
                    for (Locale locale : Messages.SUPPORTED) {
                        assertThat(messages.has(locale, m.group(1))).as(file.getFileName() + ": " + m.group(1) + " " + locale).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void languageFollowsAcceptLanguagePreferences() {
        assertThat(Language.fromAcceptLanguage("ja-JP,ja;q=0.9,en;q=0.8")).isEqualTo(Locale.JAPANESE);
        assertThat(Language.fromAcceptLanguage("fr-FR,en;q=0.5,ja;q=0.4")).isEqualTo(Locale.ENGLISH);
        assertThat(Language.fromAcceptLanguage("de")).isEqualTo(Locale.ENGLISH);
        assertThat(Language.fromAcceptLanguage(";;;garbage")).isEqualTo(Locale.ENGLISH);
    }

    private static Set<String> keys(String resource) throws IOException {
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            var p = new Properties();
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            return new TreeSet<>(p.stringPropertyNames());
        }
    }
}
