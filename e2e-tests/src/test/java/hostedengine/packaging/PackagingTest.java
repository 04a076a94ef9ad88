package hostedengine.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service and the RPM as an EL host gets them: the unit passes systemd's own check, and the
 * package built by packaging/build-rpm (Debian's rpmbuild, from the jar the backend module just
 * built) holds every file in its place, with the configuration kept across upgrades.
 */
class PackagingTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path UNIT = REPO.resolve("packaging/systemd/hosted-engine-wizard.service");

    @TempDir Path dir;

    @Test
    void theUnitPassesSystemdAnalyzeVerify() throws Exception {
        String unit = Files.readString(UNIT);
        assertThat(unit).contains(
                "ExecStart=/usr/bin/hosted-engine-wizard --config /etc/hosted-engine-wizard/hosted-engine-wizard.conf\n",
                "StateDirectory=hosted-engine-wizard\n");
        // logs go to the journal; nothing that would stop the role from changing the host
        assertThat(unit).doesNotContain("StandardOutput=", "StandardError=", "PrivateTmp=yes", "ProtectSystem=",
                "NoNewPrivileges=yes", "PrivateDevices=yes", "ProtectHostname=yes");
        // verify insists that ExecStart's program exists: check a copy that runs the launcher where
        // it is in this tree, every other line the same
        Path launcher = dir.resolve("hosted-engine-wizard");
        Files.copy(REPO.resolve("packaging/hosted-engine-wizard"), launcher);
        launcher.toFile().setExecutable(true);
        Path copy = dir.resolve("hosted-engine-wizard.service");
        Files.writeString(copy, unit.replace("ExecStart=/usr/bin/hosted-engine-wizard ", "ExecStart=" + launcher + " "));

        Result verify = run(List.of("systemd-analyze", "verify", copy.toString()));

        assertThat(verify.output()).as("systemd-analyze verify prints nothing for a clean unit").isEmpty();
        assertThat(verify.exitCode()).isZero();
    }

    @Test
    void theRpmHoldsTheServerTheServiceTheConfigurationAndTheCockpitPackage() throws Exception {
        Result build = run(List.of(REPO.resolve("packaging/build-rpm").toString(), dir.toString()));
        assertThat(build.exitCode()).as(build.output()).isZero();
        Path rpm = dir.resolve("noarch/hosted-engine-wizard-0.1.0-1.noarch.rpm");
        assertThat(rpm).exists();

        assertThat(lines(run(List.of("rpm", "-qlp", rpm.toString())))).containsExactlyInAnyOrder(
                "/usr/bin/hosted-engine-wizard",
                "/usr/sbin/hosted-engine-wizard-cockpit-setup",
                "/usr/share/hosted-engine-wizard",
                "/usr/share/hosted-engine-wizard/hosted-engine-wizard-all.jar",
                "/usr/share/hosted-engine-wizard/jvm.options",
                "/usr/share/hosted-engine-wizard/cockpit",
                "/usr/share/hosted-engine-wizard/cockpit/install-plugin",
                "/usr/share/hosted-engine-wizard/cockpit/manifest.json",
                "/usr/share/hosted-engine-wizard/cockpit/index.html",
                "/usr/share/hosted-engine-wizard/cockpit/hosted-engine.js",
                "/usr/share/hosted-engine-wizard/cockpit/hosted-engine.css",
                "/usr/share/hosted-engine-wizard/cockpit/po.ja.js",
                "/usr/lib/systemd/system/hosted-engine-wizard.service",
                "/etc/hosted-engine-wizard",
                "/etc/hosted-engine-wizard/hosted-engine-wizard.conf",
                "/etc/pam.d/hosted-engine-wizard",
                "/var/lib/hosted-engine-wizard",
                "/usr/share/cockpit/hosted_engine",
                "/usr/share/cockpit/hosted_engine/manifest.json",
                "/usr/share/cockpit/hosted_engine/config.json",
                "/usr/share/cockpit/hosted_engine/index.html",
                "/usr/share/cockpit/hosted_engine/hosted-engine.js",
                "/usr/share/cockpit/hosted_engine/hosted-engine.css",
                "/usr/share/cockpit/hosted_engine/po.ja.js");
        assertThat(lines(run(List.of("rpm", "-qp", "--configfiles", rpm.toString())))).containsExactlyInAnyOrder(
                "/etc/hosted-engine-wizard/hosted-engine-wizard.conf", "/etc/pam.d/hosted-engine-wizard");
        assertThat(lines(run(List.of("rpm", "-qp", "--requires", rpm.toString()))))
                .contains("java-17-openjdk-headless", "ansible-core", "ovirt-ansible-collection");
        assertThat(run(List.of("rpm", "-qlvp", rpm.toString())).output())
                .as("the state directory is root's alone").containsPattern("drwx------ .* /var/lib/hosted-engine-wizard\n");
        assertThat(run(List.of("rpm", "-qp", "--scripts", rpm.toString())).output())
                .contains("hosted-engine-wizard.service", "/usr/sbin/hosted-engine-wizard-cockpit-setup");
    }

    @Test
    void theLauncherPassesEveryArgumentToTheServer() throws Exception {
        Path jar = REPO.resolve("backend/target/hosted-engine-wizard-all.jar");
        Path launcher = dir.resolve("hosted-engine-wizard");
        Files.writeString(launcher, Files.readString(REPO.resolve("packaging/hosted-engine-wizard"))
                .replace("/usr/share/hosted-engine-wizard/hosted-engine-wizard-all.jar", jar.toString())
                .replace("/usr/share/hosted-engine-wizard/jvm.options", REPO.resolve("packaging/jvm.options").toString())
                .replace("/var/cache/hosted-engine-wizard/classes.jsa", dir.resolve("cache/classes.jsa").toString()));
        launcher.toFile().setExecutable(true);

        Result help = run(List.of(launcher.toString(), "--help"));
        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("--config FILE", "--cockpit-origin URL");
        Result wrong = run(List.of(launcher.toString(), "--config", dir.resolve("missing.conf").toString()));
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.output()).contains("missing.conf cannot be read");
    }

    @Test
    void cockpitSetupFramesExactlyTheWizardUnderCockpitsHostName() throws Exception {
        // installed as /usr/sbin/hosted-engine-wizard-cockpit-setup, a link to install-plugin
        Path setup = Files.createSymbolicLink(dir.resolve("hosted-engine-wizard-cockpit-setup"),
                REPO.resolve("cockpit-manifest/install-plugin"));
        Path conf = Files.writeString(dir.resolve("w.conf"),
                "port = 9443\n#cockpit-origin = https://old.example.com:9090\ncockpit-origin = https://host1.example.com:9090\n");
        Path dest = dir.resolve("hosted_engine");

        Result result = run(List.of(setup.toString(), "--config", conf.toString(), "--dest", dest.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var manifest = json.readTree(dest.resolve("manifest.json").toFile());
        assertThat(manifest.path("content-security-policy").asText()).isEqualTo("frame-src https://host1.example.com:9443");
        assertThat(manifest.path("menu").path("index").path("label").asText()).isEqualTo("Virtualization");
        var config = json.readTree(dest.resolve("config.json").toFile());
        assertThat(config.path("wizardUrl").asText()).isEqualTo("https://host1.example.com:9443/");
        assertThat(config.path("cockpitOrigin").asText()).isEqualTo("https://host1.example.com:9090");
        assertThat(dest.resolve("index.html")).exists();

        Files.writeString(conf, "port = 9443\nno-tls\ncockpit-origin = https://host1.example.com:9090\n");
        assertThat(run(List.of(setup.toString(), "--config", conf.toString(), "--dest", dest.toString())).output())
                .contains("cannot show a wizard on plain http; remove no-tls");

        Files.writeString(conf, "port = 9443\n");
        run(List.of(setup.toString(), "--config", conf.toString(), "--dest", dest.toString()));
        assertThat(json.readTree(dest.resolve("manifest.json").toFile()).path("content-security-policy").asText())
                .as("without cockpit-origin nothing may be framed").isEqualTo("frame-src 'none'");
    }

    private record Result(int exitCode, String output) {}

    private static List<String> lines(Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
        return Arrays.stream(result.output().split("\n")).filter(l -> !l.isBlank()).toList();
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), output);
    }
}
