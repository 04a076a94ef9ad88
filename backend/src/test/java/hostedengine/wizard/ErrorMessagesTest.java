package hostedengine.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every key the rules emit has an English and a Japanese text with the same placeholders. */
class ErrorMessagesTest {
    private static final Path I18N = Path.of("..", "frontend", "src", "main", "resources", "i18n");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(I18N.resolve(name), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    private static Set<Integer> placeholders(String text) {
        Set<Integer> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) found.add(Integer.parseInt(m.group(1)));
        return found;
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        assertThat(load("errors_ja.properties").stringPropertyNames())
                .isEqualTo(load("errors_en.properties").stringPropertyNames());
    }

    @Test
    void everyRuleKeyHasATextWithItsPlaceholdersInBothLanguages() throws IOException {
        for (String file : new String[] {"errors_en.properties", "errors_ja.properties"}) {
            Properties texts = load(file);
            ErrorKeys.all().forEach((key, arguments) -> {
                assertThat(texts.getProperty(key)).as(file + " " + key).isNotBlank();
                Set<Integer> expected = new TreeSet<>();
                for (int i = 0; i < arguments; i++) expected.add(i);
                assertThat(placeholders(texts.getProperty(key))).as(file + " " + key).isEqualTo(expected);
            });
        }
    }

    @Test
    void textsFormatWithoutSwallowingArguments() throws IOException {
        for (String file : new String[] {"errors_en.properties", "errors_ja.properties"}) {
            Properties texts = load(file);
            for (String key : texts.stringPropertyNames()) {
                String formatted = new MessageFormat(texts.getProperty(key), Locale.ROOT)
                        .format(new Object[] {"ARG0", "ARG1"});
                int arguments = ErrorKeys.all().getOrDefault(key, 0);
                if (arguments > 0) assertThat(formatted).as(file + " " + key).contains("ARG0");
                if (arguments > 1) assertThat(formatted).as(file + " " + key).contains("ARG1");
                assertThat(formatted).as(file + " " + key).doesNotContain("{");
            }
        }
    }

    @Test
    void japaneseUsesTheGuidesTerms() throws IOException {
        Properties ja = load("errors_ja.properties");
        assertThat(ja.getProperty("error.subnet")).contains("ブリッジインターフェース", "仮想マシン");
        assertThat(ja.getProperty("error.gatewaySubnet")).contains("ゲートウェイ", "仮想マシン");
        assertThat(ja.getProperty("error.storageDomainName")).contains("ストレージドメイン");
    }

    @Test
    void onlyKeysTheRulesKnowAreInTheFiles() throws IOException {
        assertThat(load("errors_en.properties").stringPropertyNames()).isEqualTo(ErrorKeys.all().keySet());
    }
}
