package hostedengine.web;

import hostedengine.auth.AuditLog;
import hostedengine.engineapi.EngineCluster;
import hostedengine.engineapi.EngineHost;
import hostedengine.engineapi.EngineProblem;
import hostedengine.engineapi.EngineSession;
import hostedengine.engineops.EngineLocation;
import hostedengine.engineops.EngineLogins;
import hostedengine.engineops.EnginePki;
import hostedengine.engineops.HostOperations;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's hosts (guide 5.5–5.7, 7.2.4): a session with the engine (admin@internal's password
 * asked once, never shown again or written), every host with its state and hosted-engine score,
 * the single-host banner, and adding, reinstalling, removing and updating hosted-engine hosts, each a run
 * whose page shows the engine's events live. Nothing the administrator typed is echoed back but
 * the name, address and cluster of a host being added.
 */
final class EngineHostsRoutes {
    /** The guide's minimum for high availability: hosts able to run the engine VM. */
    static final int HA_MINIMUM = 2;

    private final Pages pages;
    private final EngineLogins logins;
    private final HostOperations operations;
    private final AuditLog audit;
    private final hostedengine.deploy.Runs runs;

    EngineHostsRoutes(Pages pages, EngineLogins logins, HostOperations operations, AuditLog audit,
                      hostedengine.deploy.Runs runs) {
        this.pages = pages;
        this.logins = logins;
        this.operations = operations;
        this.audit = audit;
        this.runs = runs;
    }

    /**
     * After a deployment from a backup (guide 7.2.4): the backup's file, and the prefix of the
     * name the role gave the old hosted-engine storage domain ({@code <name>_old_<time>}).
     */
    record Restored(String backup, String oldDomainPrefix) {}

    /** The last successful Finish Deployment, if it restored a backup. */
    private Optional<Restored> restored() {
        return runs.list().stream()
                .filter(r -> r.phase() == hostedengine.deploy.Phase.FINISH && r.status() == hostedengine.deploy.RunStatus.SUCCESSFUL)
                .findFirst()
                .flatMap(r -> runs.varsOf(r.id()))
                .filter(v -> v.get("he_restore_from_file") instanceof String f && !f.isBlank())
                .map(v -> new Restored(java.nio.file.Path.of((String) v.get("he_restore_from_file")).getFileName().toString(),
                        String.valueOf(v.getOrDefault("he_storage_domain_name", "hosted_storage")) + "_old_"));
    }

    void page(Context ctx) { render(ctx, 200, new LinkedHashMap<>()); }

    void login(Context ctx) {
        String owner = BrowserSession.owner(ctx);
        String engine = logins.location().map(EngineLocation::fqdn).orElse("");
        try {
            logins.login(owner, Optional.ofNullable(ctx.formParam("password")).orElse(""));
            audit.engineLogin(user(ctx), ctx.ip(), engine, AuditLog.Outcome.SUCCESS);
            ctx.redirect("/engine/hosts", HttpStatus.SEE_OTHER);
        } catch (EngineLogins.Unavailable u) {
            audit.engineLogin(user(ctx), ctx.ip(), engine, AuditLog.Outcome.FAILURE);
            var model = new LinkedHashMap<String, Object>();
            model.put("loginError", u.problem().map(p -> "hosts.problem." + p.kind().name()).orElse("hosts.noEngine"));
            model.put("loginEngineMessage", u.problem().flatMap(EngineProblem::engineMessage).orElse(null));
            render(ctx, u.problem().map(p -> p.kind() == EngineProblem.Kind.WRONG_PASSWORD ? 401 : 502).orElse(409), model);
        }
    }

    /** Pins the engine CA shown on the page; the fingerprint posted must be the one the engine presents. */
    void trust(Context ctx) {
        String fingerprint = Optional.ofNullable(ctx.formParam("fingerprint")).orElse("");
        boolean pinned = "yes".equals(ctx.formParam("confirm")) && logins.pin(fingerprint);
        audit.engineCaPinned(user(ctx), ctx.ip(), logins.location().map(EngineLocation::fqdn).orElse(""),
                fingerprint.matches("[0-9A-F:]{95}") ? fingerprint : "", pinned ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.FAILURE);
        if (pinned) {
            ctx.redirect("/engine/hosts", HttpStatus.SEE_OTHER);
            return;
        }
        var model = new LinkedHashMap<String, Object>();
        model.put("loginError", "hosts.ca.notPinned");
        render(ctx, 409, model);
    }

    /** The engine CA this host trusts, to import into a browser for the Administration Portal. */
    void caDownload(Context ctx) {
        var trust = logins.trust().orElseThrow(io.javalin.http.NotFoundResponse::new);
        ctx.header("Content-Disposition", "attachment; filename=\"engine-ca.pem\"");
        ctx.contentType("application/x-x509-ca-cert");
        ctx.result(trust.pem());
    }

    void logout(Context ctx) {
        engineLogout(ctx);
        ctx.redirect("/engine/hosts", HttpStatus.SEE_OTHER);
    }

    /** The product's logout ends the engine session too (its token revoked). */
    void engineLogout(Context ctx) {
        String owner = BrowserSession.owner(ctx);
        if (logins.session(owner).isEmpty()) return;
        logins.logout(owner);
        audit.engineLogout(user(ctx), ctx.ip(), logins.location().map(EngineLocation::fqdn).orElse(""));
    }

    void add(Context ctx) {
        String auth = ctx.formParam("auth");
        String password = "publickey".equals(auth) ? null : Optional.ofNullable(ctx.formParam("rootPassword")).orElse("");
        var asked = new HostOperations.NewHost(ctx.formParam("name"), ctx.formParam("address"), ctx.formParam("cluster"), password);
        var outcome = operations.add(caller(ctx), asked);
        var model = new LinkedHashMap<String, Object>();
        // What was typed comes back to correct it; the password never does.
        model.put("addName", asked.name());
        model.put("addAddress", asked.address());
        model.put("addCluster", asked.cluster());
        model.put("addAuth", "publickey".equals(auth) ? "publickey" : "password");
        answer(ctx, outcome, model);
    }

    void act(Context ctx) {
        HostOperations.Operation operation = switch (String.valueOf(ctx.formParam("operation"))) {
            case "reinstall" -> HostOperations.Operation.REINSTALL;
            case "remove" -> HostOperations.Operation.REMOVE;
            case "force-remove" -> HostOperations.Operation.FORCE_REMOVE;
            default -> null;
        };
        var model = new LinkedHashMap<String, Object>();
        if (operation == null || !"yes".equals(ctx.formParam("confirm"))
                || (operation == HostOperations.Operation.FORCE_REMOVE && !"yes".equals(ctx.formParam("confirmRebooted")))) {
            model.put("actionError", "hosts.notConfirmed");
            render(ctx, 422, model);
            return;
        }
        answer(ctx, operations.act(caller(ctx), operation, ctx.formParam("host")), model);
    }

    /** Guide 6.3.5: the engine checks every host it can for updates; the page shows what it found once reloaded. */
    void checkUpdates(Context ctx) {
        var model = new LinkedHashMap<String, Object>();
        var outcome = operations.checkForUpdates(caller(ctx));
        if (outcome instanceof HostOperations.Checked c) {
            model.put("updatesNotice", c.hosts());
            render(ctx, 200, model);
            return;
        }
        answer(ctx, outcome, model);
    }

    /** One host ({@code host}) or every host with updates ({@code all=yes}), confirmed; the engine VM's host goes last. */
    void update(Context ctx) {
        var model = new LinkedHashMap<String, Object>();
        boolean all = "yes".equals(ctx.formParam("all"));
        String host = ctx.formParam("host");
        if (!"yes".equals(ctx.formParam("confirm")) || (!all && (host == null || host.isBlank()))) {
            model.put("actionError", "hosts.updates.notConfirmed");
            render(ctx, 422, model);
            return;
        }
        var outcome = operations.upgrade(caller(ctx), all ? List.of() : List.of(host.strip()));
        if (outcome instanceof HostOperations.Invalid i) {
            model.put("actionError", i.errors().values().iterator().next());
            render(ctx, 422, model);
            return;
        }
        answer(ctx, outcome, model);
    }

    private void answer(Context ctx, HostOperations.Outcome outcome, Map<String, Object> model) {
        if (outcome instanceof HostOperations.Started s) {
            ctx.redirect("/runs/" + s.runId(), HttpStatus.SEE_OTHER);
        } else if (outcome instanceof HostOperations.Invalid i) {
            model.put("addErrors", i.errors());
            render(ctx, 422, model);
        } else if (outcome instanceof HostOperations.NoSession) {
            model.put("loginError", "hosts.loginAgain");
            render(ctx, 401, model);
        } else if (outcome instanceof HostOperations.Busy b) {
            model.put("actionError", "hosts.busy");
            model.put("busyRun", b.runningId());
            render(ctx, 409, model);
        } else if (outcome instanceof HostOperations.Refused r) {
            model.put("actionError", r.key());
            model.put("actionEngineMessage", r.engineMessage());
            render(ctx, 409, model);
        }
    }

    private void render(Context ctx, int status, Map<String, Object> model) {
        Optional<EngineLocation> at = logins.location();
        model.put("engine", at.orElse(null));
        // The CA file is read once per page: for its fingerprint, the offer, and the SSH key below.
        Optional<hostedengine.engineapi.EngineTrust> trust = logins.trust();
        model.put("caFingerprint", trust.map(t -> t.fingerprint()).orElse(null));
        // No CA here: what the engine presents, for the administrator to compare before trusting it.
        if (at.isPresent() && trust.isEmpty()) {
            var offered = logins.offeredCa();
            model.put("offeredFingerprint", offered.map(t -> t.fingerprint()).orElse(null));
            model.put("offeredSubject", offered.map(t -> t.subject()).orElse(null));
        }
        Optional<EngineSession> session = logins.session(BrowserSession.owner(ctx));
        model.put("loggedIn", session.isPresent());
        model.put("restored", restored().orElse(null));
        model.putIfAbsent("addErrors", Map.of());
        model.putIfAbsent("addAuth", "password");
        if (session.isPresent()) {
            try {
                List<EngineHost> hosts = session.get().hosts();
                List<EngineCluster> clusters = session.get().clusters();
                Map<String, String> clusterNames = new LinkedHashMap<>();
                clusters.forEach(c -> clusterNames.put(c.id(), c.name()));
                var checked = session.get().hostsCheckedForUpdates();
                Optional<String> vmHost = operations.engineVmHost();
                model.put("hosts", hosts.stream().map(h -> HostRow.of(h, clusterNames, checked, vmHost)).toList());
                model.put("anyUpdates", hosts.stream().anyMatch(HostOperations::upgradable));
                // The engine's own word for its version (an update of the engine changes it).
                model.put("engineVersionNow", session.get().version());
                model.put("clusters", clusters.stream().map(EngineCluster::name).toList());
                long able = hosts.stream().filter(h -> h.hostedEngine() && h.status().equals("up")).count();
                model.put("heCapable", able);
                model.put("singleHost", able < HA_MINIMUM);
                // The key to paste into a new host's authorized_keys, read from the engine as trusted above.
                model.put("engineSshKey", at.flatMap(l -> trust.flatMap(t -> EnginePki.sshPublicKey(l, t))).orElse(null));
            } catch (EngineProblem p) {
                if (p.kind() == EngineProblem.Kind.WRONG_PASSWORD || p.kind() == EngineProblem.Kind.NOT_AN_ENGINE) {
                    logins.forget(BrowserSession.owner(ctx));
                    model.put("loggedIn", false);
                    model.put("loginError", "hosts.loginAgain");
                } else {
                    model.put("engineError", "hosts.problem." + p.kind().name());
                    model.put("engineErrorMessage", p.engineMessage().orElse(null));
                }
            }
        }
        ctx.status(status);
        pages.render(ctx, "hosts", model);
    }

    private static HostOperations.Caller caller(Context ctx) {
        return new HostOperations.Caller(BrowserSession.owner(ctx), user(ctx), ctx.ip());
    }

    private static String user(Context ctx) { return AuthGate.session(ctx).map(s -> s.user().name()).orElse(""); }

    /**
     * One row of the hosts table.
     *
     * @param upgradable   the engine would upgrade it now (updates, and a state the upgrade starts from): its Update button
     * @param updates      {@code available}, {@code upToDate}, or {@code notChecked} (no check the engine still remembers)
     * @param runsEngineVm the HA agents say the engine VM runs there
     */
    record HostRow(String name, String address, String status, String cluster, boolean hostedEngine, int score,
                   boolean localMaintenance, boolean upgradable, String updates, boolean runsEngineVm) {
        static HostRow of(EngineHost h, Map<String, String> clusters, java.util.Set<String> checked, Optional<String> vmHost) {
            String updates = h.updateAvailable() ? "available" : checked.contains(h.id()) ? "upToDate" : "notChecked";
            boolean runsVm = vmHost.filter(v -> v.equalsIgnoreCase(h.name()) || v.equalsIgnoreCase(h.address())).isPresent();
            return new HostRow(h.name(), h.address(), h.status(), clusters.getOrDefault(h.clusterId(), ""), h.hostedEngine(),
                    h.score(), h.localMaintenance(), HostOperations.upgradable(h), updates, runsVm);
        }
    }
}
