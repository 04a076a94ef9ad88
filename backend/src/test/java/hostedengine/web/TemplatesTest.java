package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rules every page template keeps, checked on the sources (surefire runs in backend/). */
class TemplatesTest {
    private static final Path TEMPLATES = Path.of("..", "frontend", "src", "main", "resources", "templates");
    private static final Pattern POST_FORM = Pattern.compile("<form[^>]*method=\"post\"[^>]*>(.*?)</form>", Pattern.DOTALL);

    @Test
    void everyPostedFormCarriesTheCsrfToken() throws IOException {
        int forms = 0;
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                var m = POST_FORM.matcher(Files.readString(file));
                while (m.find()) {
                    forms++;
                    assertThat(m.group(1)).as(file.getFileName() + ": " + m.group(0).lines().findFirst().orElse(""))
                            .contains("name=\"_csrf\"");
                }
            }
        }
        assertThat(forms).isGreaterThan(8);
    }

    @Test
    void noTemplateHasInlineScriptOrStyle() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                String html = Files.readString(file);
                assertThat(html).as(file.toString())
                        .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                        .doesNotContainPattern("\\sstyle=\"")
                        .doesNotContainPattern("\\son[a-z]+=\"");
            }
        }
    }
}
