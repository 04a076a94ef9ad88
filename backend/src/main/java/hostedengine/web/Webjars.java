package hostedengine.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Where the Bootstrap webjar's files are served, read from the webjar itself so an upgrade needs no template change. */
final class Webjars {
    private Webjars() {}

    /** Read once: the webjar cannot change under a running server. */
    private static final String BOOTSTRAP_CSS =
            "/webjars/bootstrap/" + version("org.webjars", "bootstrap") + "/css/bootstrap.min.css";

    static String bootstrapCss() {
        return BOOTSTRAP_CSS;
    }

    /** Whether a file of the webjars (its path below /webjars/) is one the pages link, so served. */
    static boolean served(String path) {
        return BOOTSTRAP_CSS.length() == "/webjars/".length() + path.length() && BOOTSTRAP_CSS.endsWith(path);
    }

    private static String version(String group, String artifact) {
        String pom = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Webjars.class.getClassLoader().getResourceAsStream(pom)) {
            if (in == null) throw new IllegalStateException("webjar missing from the classpath: " + pom);
            var p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
