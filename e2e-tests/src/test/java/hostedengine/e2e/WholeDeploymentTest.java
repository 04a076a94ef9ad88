package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An administrator's whole day 0 in the browser, on the simulator. A first deployment fails at a
 * real task of initial_clean; the run page leads to the cleanup, which, confirmed twice, shows its
 * output and the space freed and opens the wizard with the previous answers. The server is
 * restarted on the same state directory without the failure switch and with the role's pause after
 * adding the host (he_pause_host, HOSTED_ENGINE_WIZARD_SIMULATOR_PAUSE); the passwords re-entered,
 * the redeployment runs: a refresh during Prepare VM loses and repeats no log line, the run page
 * says Paused with the role's own message and when the wait gives up, Continue lets the role go
 * on, Finish Deployment succeeds and the status page shows the engine up. One story, one whole
 * deployment: a deployment is most of this suite's time. Day 2 goes on from there on the engine the
 * deployment left (the engine test double): the single-host banner, a second host added as a run
 * with the engine's events live, its score on the status page, a failed installation explained,
 * a backup of the engine (guide 7.1), the engine updated (guide 5.3), and the host removed
 * again; then the engine is lost (the host cleaned up) and a new one deployed from the backup
 * (guide 7.2), whose hosts page names the backup's host that is gone, which is fenced and removed.
 */
class WholeDeploymentTest {
    static final String FAILING_TASK = "Stop libvirt service";
    /** Prepare VM reaches the role's pause near the end of bootstrap_local_vm: most of the phase. */
    static final Duration UNTIL_PAUSE = Duration.ofMinutes(4);

    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish()
            .withServerEnv("HOSTED_ENGINE_WIZARD_SIMULATOR_FAIL_AT", FAILING_TASK);
    private final TestAnswers answers = TestAnswers.valid().withEngineVmFqdn("redeployed.example.com");

    @Test
    void aFailedDeploymentIsCleanedUpThenRedeployedThroughAPauseToTheStatusPage() throws Exception {
        RunPage failed = WizardFlow.toPrepareReview(wizard, answers).prepareVm().awaitFailure();
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.failedTask()).endsWith(FAILING_TASK);
        // The log reads as hosted-engine --deploy prints it; a loop's items fold under their task.
        failed.awaitStreamEnd();
        String fatal = "[ ERROR ] fatal: [localhost]: FAILED! => {\"changed\": false, \"msg\": \"Simulated failure at "
                + FAILING_TASK + "\"}";
        assertThat(failed.visibleLogLines()).contains("[ INFO  ] PLAY [all]", "[ INFO  ] TASK [hosted_engine_simulator : "
                + FAILING_TASK + "]", "[ INFO  ] ok: [localhost]", fatal);
        assertThat(failed.foldedTaskLines()).anySatisfy(l -> assertThat(l)
                .matches("\\[ INFO  \\] TASK \\[hosted_engine_simulator : Execute just a specific set of steps\\] · \\d+ items"));
        assertThat(failed.showInLog("ok", false).visibleLogLines()).as("the ok lines filtered out")
                .doesNotContain("[ INFO  ] ok: [localhost]").contains(fatal);
        assertThat(failed.showInLog("ok", true).visibleLogLines()).contains("[ INFO  ] ok: [localhost]");

        // a real host has ovirt-hosted-engine-setup installed by now; the simulator installs its
        // doubles only at final_clean, so the test puts them where a failed host has them
        new EngineDouble(wizard.server()).install().failedAttempt();

        CleanupPage cleanup = failed.toCleanup().confirmAndStart().awaitSuccess();
        assertThat(cleanup.logLines()).isNotEmpty();
        assertThat(cleanup.freed()).matches("\\d+\\.\\d MiB");

        VmStepPage vm = cleanup.toWizard();
        assertThat(vm.value("engineVmFqdn")).isEqualTo(answers.engineVmFqdn());
        assertThat(vm.value("macAddress")).isEqualTo(answers.macAddress());

        // the switches belong to the server process: the same state directory, no failure, a pause
        wizard.restartServer(Map.of("HOSTED_ENGINE_WIZARD_SIMULATOR_PAUSE", "host"));
        wizard.start();
        vm = new VmStepPage(wizard);
        assertThat(vm.value("engineVmFqdn")).as("the draft survived the restart").isEqualTo(answers.engineVmFqdn());

        RunPage prepare = vm.fillValid(answers).next().fillValid(answers).next().prepareVm().awaitLogLines(40);
        List<Long> before = prepare.logSeqs();
        assertContiguous(before);
        long lastBefore = before.get(before.size() - 1);

        RunPage refreshed = prepare.refresh().awaitLogLines((int) lastBefore + 20);
        List<Long> after = refreshed.logSeqs();
        assertContiguous(after);
        assertThat(after.get(0)).as("the refreshed log starts no later than the line after the last one seen")
                .isLessThanOrEqualTo(lastBefore + 1);
        assertThat(after.get(after.size() - 1)).isGreaterThan(lastBefore);

        RunPage paused = refreshed.awaitPause(UNTIL_PAUSE);
        assertThat(paused.pauseText()).contains("Paused: the deployment waits for you", "press Continue");
        assertThat(paused.pauseMessage()).startsWith("You can now connect to https://")
                .contains(":6900/ovirt-engine/").endsWith("please continue only when the host is listed as 'up'");
        assertThat(Instant.parse(paused.pauseTimesOutAt())).isAfter(Instant.now().plus(Duration.ofHours(23)));
        // The counts and the bar come from the server; while paused they agree with the log the page holds.
        assertThat(paused.logSeqs().get(0)).as("the page holds the whole log").isEqualTo(1L);
        paused.awaitCountsMatchingTheLog();
        assertThat(paused.count("ok")).isPositive();
        assertThat(paused.percent()).isBetween(1, 100);
        assertThat(paused.currentTask()).isNotEqualTo("—");

        RunPage prepared = paused.continueRun().awaitSuccess().awaitStreamEnd();
        List<Long> all = prepared.logSeqs();
        assertContiguous(all);
        assertThat(all.get(all.size() - 1)).as("the last line shown is the run's last event")
                .isEqualTo(Long.parseLong(SessionHttp.get(wizard, "/api/runs/" + prepared.runId()).body()
                        .replaceAll(".*\"events\":(\\d+).*", "$1")));

        StoragePage storage = prepared.toStorage();
        assertThat(storage.selected("storageType")).as("the Storage step comes next, NFS chosen").isEqualTo("nfs");
        RunPage finish = storage
                .chooseType("nfs")
                .fillConnection("storage.example.com:/exports/hosted_engine")
                .fillDomainName("hosted_storage")
                .next()
                .finishDeployment()
                .awaitSuccess();
        assertThat(finish.status()).isEqualTo("SUCCESSFUL");
        assertThat(finish.refresh().nextSteps()).as("what comes after the deployment")
                .contains("https://" + answers.engineVmFqdn() + "/ovirt-engine/").contains("Download the engine CA")
                .contains("Add a second hosted-engine host");

        wizard.open("/");
        StatusPage status = new StatusPage(wizard).awaitDiagnosis("engineUp");
        assertThat(status.hosts().values()).anySatisfy(h -> assertThat(h)
                .containsEntry("runsEngine", "true").containsEntry("vm", "up").containsEntry("health", "good"));

        // Day 2 on the engine the deployment left (the engine test double): one host is not highly available.
        assertThat(status.singleHostBanner()).isTrue();
        HostsPage hosts = status.toHosts();
        assertThat(hosts.engineDoubleLabelled()).isTrue();
        hosts = hosts.logIn(answers.adminPassword());
        assertThat(hosts.singleHostBanner()).isTrue();
        assertThat(hosts.hostNames()).hasSize(1);

        RunPage added = hosts.add(SECOND_HOST, SECOND_HOST, "Second-host-root-1").awaitSuccess().awaitStreamEnd();
        assertThat(added.engineLines()).as("the engine's events for the host, live in the log")
                .anySatisfy(l -> assertThat(l).contains("Installing Host " + SECOND_HOST))
                .anySatisfy(l -> assertThat(l).contains("Status of host " + SECOND_HOST + " was set to Up."));
        hosts = added.toHosts();
        assertThat(hosts.hostNames()).contains(SECOND_HOST);
        assertThat(hosts.cell(SECOND_HOST, "host-status")).isEqualTo("up");
        assertThat(hosts.cell(SECOND_HOST, "host-score")).isEqualTo("3400");
        assertThat(hosts.singleHostBanner()).isFalse();
        // the status page follows hosted-engine --vm-status (read every 5 s): the new host comes with its score
        wizard.open("/status");
        new StatusPage(wizard).awaitHostField(SECOND_HOST, "score", "3400");
        wizard.open("/status");
        assertThat(new StatusPage(wizard).singleHostBanner()).isFalse();

        // A failed installation shows the engine's own words and what the guide says to check.
        wizard.server().writeState("simulator/engine-failures.json", "{\"hosts\": {\"" + FAILING_HOST + "\": \"INSTALL_FAILED\"}}");
        RunPage failedAdd = HostsPage.open(wizard).add(FAILING_HOST, FAILING_HOST, "Third-host-root-2").awaitFailure();
        assertThat(failedAdd.failureMessage()).contains("installation failed. Task Configure VDSM failed to execute.");
        assertThat(failedAdd.engineAdvice()).contains("/var/log/ovirt-engine/host-deploy/");

        // Guide 7.1: a backup while the engine knows both hosts; engine-backup's own lines are the run's log.
        wizard.server().writeState("simulator/engine-failures.json", "{}");
        BackupsPage backups = BackupsPage.open(wizard);
        assertThat(backups.engineVmDoubleLabelled()).isTrue();
        assertThat(backups.check("engine")).isEqualTo("PASS");
        RunPage backedUp = backups.backUp("Engine-vm-root-4").awaitSuccess().awaitStreamEnd();
        assertThat(backedUp.visibleLogLines()).anySatisfy(l -> assertThat(l).contains("Start of engine-backup with mode 'backup'"))
                .noneSatisfy(l -> assertThat(l).contains("Engine-vm-root-4"));
        List<List<String>> listed = BackupsPage.open(wizard).backups();
        assertThat(listed).singleElement().satisfies(b -> assertThat(b.subList(1, 3))
                .containsExactly(answers.engineVmFqdn(), "4.5.6-1.el9"));
        String backup = listed.get(0).get(0);

        // Guide 5.3: with that backup made, the engine is checked and updated in the guide's order;
        // a kernel came with the packages, so the engine VM restarts in global maintenance.
        wizard.server().writeState("simulator/engine-failures.json", "{\"engine_upgrade_check\": {\"available\": true, "
                + "\"packages\": [\"ovirt-engine-setup-4.5.7-1.el9\"]}, \"engine_update\": {\"kernel\": true}}");
        UpdatesPage updates = UpdatesPage.open(wizard);
        updates.check("Engine-vm-root-4").awaitSuccess();
        updates = UpdatesPage.open(wizard);
        assertThat(updates.verdict()).isEqualTo("AVAILABLE");
        assertThat(updates.recentBackup()).contains(backup);
        assertThat(updates.steps()).hasSize(8);
        AccessibilityTest.assertNoSeriousViolation(wizard.driver(), "Updates page offering the update");
        RunPage updated = updates.update("Engine-vm-root-4").awaitSuccess().awaitStreamEnd();
        assertThat(updated.visibleLogLines())
                .anySatisfy(l -> assertThat(l).contains("Execution of setup completed successfully"))
                .anySatisfy(l -> assertThat(l).contains("Reboot is required to fully utilize these updates."))
                .noneSatisfy(l -> assertThat(l).contains("Engine-vm-root-4"));
        assertThat(String.join("\n", updated.visibleLogLines())).contains("TASK [Set global maintenance]")
                .contains("TASK [Start the engine VM]").contains("TASK [Leave global maintenance]");
        updates = UpdatesPage.open(wizard);
        assertThat(updates.lastUpdate()).isEqualTo("UPDATED");
        assertThat(updates.stoppedBanner()).isFalse();

        // Guide 6.3.5: then the hosts, one at a time; the engine VM's host last, once its VM moved away.
        wizard.server().writeState("simulator/engine-failures.json", "{\"host_updates\": \"*\"}");
        hosts = HostsPage.open(wizard);
        assertThat(hosts.engineVersion()).endsWith("4.5.7-1.el9");
        String firstHost = hosts.hostNames().stream().filter(h -> !h.equals(SECOND_HOST) && !h.equals(FAILING_HOST))
                .findFirst().orElseThrow();
        assertThat(hosts.runsEngineVm(firstHost)).isTrue();
        hosts = hosts.checkForUpdates();
        for (int i = 0; i < 50 && !"available".equals(hosts.updates(SECOND_HOST)); i++) {
            Thread.sleep(200);
            hosts = HostsPage.open(wizard);
        }
        assertThat(hosts.updates(SECOND_HOST)).isEqualTo("available");
        assertThat(hosts.updates(firstHost)).isEqualTo("available");
        AccessibilityTest.assertNoSeriousViolation(wizard.driver(), "Hosts page with updates");
        RunPage hostsUpdated = hosts.updateAll().awaitSuccess().awaitStreamEnd();
        String hostLog = String.join("\n", hostsUpdated.visibleLogLines());
        assertThat(hostLog).contains("engine VM moved from " + firstHost + " to " + SECOND_HOST);
        assertThat(hostLog.indexOf("Host " + SECOND_HOST + " upgrade was started"))
                .as("the host without the engine VM first").isNotNegative()
                .isLessThan(hostLog.indexOf("engine VM moved from"))
                .isLessThan(hostLog.indexOf("Host " + firstHost + " upgrade was started"));
        hosts = hostsUpdated.toHosts();
        assertThat(hosts.updates(SECOND_HOST)).isEqualTo("upToDate");
        assertThat(hosts.updates(firstHost)).isEqualTo("upToDate");
        assertThat(hosts.cell(SECOND_HOST, "host-status")).isEqualTo("up");
        assertThat(hosts.cell(firstHost, "host-status")).isEqualTo("up");
        // the page reads where the engine VM runs from the status poller (every 5 s)
        for (int i = 0; i < 50 && !hosts.runsEngineVm(SECOND_HOST); i++) {
            Thread.sleep(300);
            hosts = HostsPage.open(wizard);
        }
        assertThat(hosts.runsEngineVm(SECOND_HOST)).isTrue();
        assertThat(hosts.runsEngineVm(firstHost)).isFalse();
        // the status page agrees: the engine healthy on the host it moved to, no global maintenance
        StatusPage.open(wizard).awaitEngineOn(SECOND_HOST).awaitGlobalMaintenanceBanner(false);
        wizard.server().writeState("simulator/engine-failures.json", "{}");

        // The engine VM stays where it moved, so the product will not remove that host. On that host the
        // administrator sets local maintenance and its HA agent migrates the VM back: the test does, on
        // the hosted-engine double's state, what the agents would.
        hosts = HostsPage.open(wizard);
        assertThat(hosts.runsEngineVm(SECOND_HOST)).isTrue();
        engineVmBackTo(wizard, firstHost);
        StatusPage.open(wizard).awaitEngineOn(firstHost);

        // Removed again: maintenance, undeploy, remove; the banner comes back.
        RunPage removed = HostsPage.open(wizard).remove(SECOND_HOST).awaitSuccess();
        assertThat(removed.engineLines()).anySatisfy(l -> assertThat(l).contains("was removed by"));
        hosts = removed.toHosts();
        assertThat(hosts.hostNames()).doesNotContain(SECOND_HOST);
        assertThat(hosts.singleHostBanner()).isTrue();

        // Guide 7.2: the engine is lost; the host is cleaned up and a new engine deployed from the backup.
        wizard.restartServer(Map.of());
        wizard.open("/cleanup");
        VmStepPage fresh = new CleanupPage(wizard).confirmAndStart().awaitSuccess().toWizard();
        assertThat(fresh.value("engineVmFqdn")).isEqualTo(answers.engineVmFqdn());
        RestorePage restore = RestorePage.open(wizard);
        assertThat(restore.versionVerdict(backup)).isEqualTo("restore.version.same");
        RunPage restoring = restore.deployFrom(backup, "Default", "Default").fillValid(answers).next().fillValid(answers).next()
                .prepareVm().awaitSuccess(UNTIL_PAUSE).awaitStreamEnd();
        assertThat(restoring.visibleLogLines()).as("the role's restore, in its own task names")
                .anySatisfy(l -> assertThat(l).endsWith(" : Run engine-backup]"))
                .anySatisfy(l -> assertThat(l).endsWith(" : Remove host used to redeploy]"));
        restoring.toStorage().chooseType("nfs").fillConnection("storage.example.com:/exports/hosted_engine_2")
                .fillDomainName("hosted_storage").next().finishDeployment().awaitSuccess();

        // The restored engine still knows the host the backup knew, which is gone: fenced and removed.
        hosts = HostsPage.open(wizard).logIn(answers.adminPassword());
        assertThat(hosts.restoredSection()).isTrue();
        assertThat(hosts.hostNames()).contains(SECOND_HOST);
        assertThat(hosts.cell(SECOND_HOST, "host-status")).isEqualTo("non_responsive");
        assertThat(hosts.restoredHostsNotUp()).containsExactly(SECOND_HOST);
        hosts = hosts.forceRemove(SECOND_HOST).awaitSuccess().toHosts();
        assertThat(hosts.hostNames()).doesNotContain(SECOND_HOST).hasSize(1);
    }

    static final String SECOND_HOST = "host2.example.com";
    static final String FAILING_HOST = "host3.example.com";

    /** What the HA agents do when the engine VM's host enters local maintenance: the VM runs on {@code host} instead. */
    private static void engineVmBackTo(WizardUnderTest wizard, String host) throws java.io.IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.nio.file.Path file = wizard.server().stateDir().resolve("simulator/state.json");
        var state = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
        for (var h : state.withArray("hosts")) {
            var hostNode = (com.fasterxml.jackson.databind.node.ObjectNode) h;
            boolean runs = host.equals(hostNode.path("hostname").asText());
            if (runs) state.put("vm_host_id", hostNode.path("host-id").asInt());
            hostNode.set("engine-status", runs ? json.readTree("{\"vm\": \"up\", \"health\": \"good\", \"detail\": \"Up\"}")
                    : json.readTree("{\"vm\": \"down\", \"health\": \"bad\", \"detail\": \"unknown\", \"reason\": \"vm not running on this host\"}"));
            hostNode.put("state", runs ? "EngineUp" : "EngineDown");
        }
        wizard.server().writeState("simulator/state.json", json.writeValueAsString(state));
    }

    private static void assertContiguous(List<Long> seqs) {
        assertThat(seqs).isNotEmpty();
        long first = seqs.get(0);
        assertThat(seqs).as("event numbers in the log, no gap and no repeat")
                .containsExactlyElementsOf(LongStream.range(first, first + seqs.size()).boxed().toList());
    }
}
