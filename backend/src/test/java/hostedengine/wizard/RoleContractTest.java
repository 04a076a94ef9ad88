package hostedengine.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.testing.Required;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every variable we write is one the installed role reads (without the role: failed under bin/test, skipped by hand). */
class RoleContractTest {
    private static final Path ROLE = Path.of(
            "/usr/lib/python3/dist-packages/ansible_collections/ovirt/ovirt/roles/hosted_engine_setup");

    @Test
    void everyVariableWeWriteIsUsedByTheInstalledRole() throws IOException {
        Required.tool(Files.isDirectory(ROLE), "the ovirt.ovirt role (" + ROLE + ")", "ansible");
        String role;
        try (Stream<Path> files = Files.walk(ROLE)) {
            role = files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".j2"))
                    .map(p -> {
                        try {
                            return Files.readString(p, StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            return "";
                        }
                    }).collect(Collectors.joining("\n"));
        }
        for (String name : RoleVariables.names()) {
            assertThat(Pattern.compile("\\b" + name + "\\b").matcher(role).find()).as(name).isTrue();
        }
    }
}
