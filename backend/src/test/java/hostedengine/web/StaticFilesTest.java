package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static files copied out of the jar: once per jar, again when the jar changes, nothing stale left. */
class StaticFilesTest {
    @TempDir Path dir;

    @Test
    void aJarIsCopiedOutOnceAndAgainWhenItChanges() throws IOException {
        Path jar = dir.resolve("server.jar");
        Path to = dir.resolve("state/web/static");
        jar(jar, Map.of("static/js/a.js", "one", "static/css/b.css", "two", "other/c.txt", "not served"));
        StaticFiles.copyOut(jar, "static/", to, path -> true);
        assertThat(to.resolve("js/a.js")).hasContent("one");
        assertThat(to.resolve("css/b.css")).hasContent("two");
        assertThat(dir.resolve("state/web/static/c.txt")).doesNotExist();

        // The same jar at the next start: nothing is copied (a file changed here stays as it is).
        Files.writeString(to.resolve("js/a.js"), "touched");
        StaticFiles.copyOut(jar, "static/", to, path -> true);
        assertThat(to.resolve("js/a.js")).hasContent("touched");

        // A new jar: copied afresh, and a file it no longer has is gone.
        jar(jar, Map.of("static/js/a.js", "one, newer"));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        StaticFiles.copyOut(jar, "static/", to, path -> true);
        assertThat(to.resolve("js/a.js")).hasContent("one, newer");
        assertThat(to.resolve("css/b.css")).doesNotExist();
    }

    @Test
    void onlyTheFilesThePagesUseAreCopiedOut() throws IOException {
        Path jar = dir.resolve("webjar.jar");
        Path to = dir.resolve("state/web/webjars");
        String css = Webjars.bootstrapCss().substring("/webjars/".length());
        jar(jar, Map.of("META-INF/resources/webjars/" + css, "the style sheet",
                "META-INF/resources/webjars/bootstrap/9/js/bootstrap.bundle.js", "never linked",
                "META-INF/resources/webjars/bootstrap/9/scss/_grid.scss", "never linked"));
        StaticFiles.copyOut(jar, "META-INF/resources/webjars/", to, Webjars::served);
        assertThat(to.resolve(css)).hasContent("the style sheet");
        try (var copied = Files.walk(to)) {
            assertThat(copied.filter(Files::isRegularFile)).containsExactly(to.resolve(css));
        }
    }

    private static void jar(Path jar, Map<String, String> files) throws IOException {
        try (var out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (var e : files.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }
}
