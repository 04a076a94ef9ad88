package hostedengine.web;

import hostedengine.auth.AuditLog;
import hostedengine.messages.Messages;
import hostedengine.remote.DeploymentTarget;
import hostedengine.remote.HostKey;
import hostedengine.remote.RemoteHost;
import hostedengine.remote.SshProblem;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The deployment host page: this host or another over SSH; first contact shows the host key's
 * fingerprint to confirm; a changed key blocks with both fingerprints and a way out.
 */
final class HostRoutes {
    private static final List<String> FIELDS = List.of(RemoteHost.ADDRESS, RemoteHost.PORT, RemoteHost.USER,
            RemoteHost.KEY_FILE, RemoteHost.PASSWORD);

    private final Pages pages;
    private final Messages messages;
    private final DeploymentTarget target;
    private final AuditLog audit;

    HostRoutes(Pages pages, Messages messages, DeploymentTarget target, AuditLog audit) {
        this.pages = pages;
        this.messages = messages;
        this.target = target;
        this.audit = audit;
    }

    void page(Context ctx) {
        var view = target.view();
        render(ctx, view, formOf(view), view.local() ? "local" : "remote", List.of());
    }

    /** "Use this host", or "Connect" to the host in the form. */
    void choose(Context ctx) throws IOException {
        var view = target.view();
        String choice = ctx.formParam("target");
        if (!"remote".equals(choice) && !"local".equals(choice)) {
            ctx.status(400);
            render(ctx, view, formOf(view), view.local() ? "local" : "remote", List.of());
            return;
        }
        if ("local".equals(choice)) {
            target.chooseLocal();
            audit.deploymentHostChosen(user(ctx), ctx.ip(), "this host", AuditLog.Outcome.SUCCESS);
            ctx.redirect("/host", HttpStatus.SEE_OTHER);
            return;
        }
        var form = new HashMap<String, String>();
        for (String f : FIELDS) form.put(f, Optional.ofNullable(ctx.formParam(f)).orElse(""));
        form.put(RemoteHost.AUTH, Optional.ofNullable(ctx.formParam(RemoteHost.AUTH)).orElse("key"));
        RemoteHost.Parsed parsed = RemoteHost.parse(form, keptPassword(view, form));
        form.remove(RemoteHost.PASSWORD);
        if (!parsed.ok()) {
            ctx.status(422);
            render(ctx, view, form, "remote", parsed.problems());
            return;
        }
        var after = target.connect(parsed.host());
        audit.deploymentHostChosen(user(ctx), ctx.ip(), parsed.host().label(),
                after.ready() || after.awaiting().isPresent() ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.FAILURE);
        ctx.redirect("/host", HttpStatus.SEE_OTHER);
    }

    /** Pins the key shown on the page; the fingerprint posted must be the one the host offered. */
    void confirm(Context ctx) throws IOException {
        String fingerprint = Optional.ofNullable(ctx.formParam("fingerprint")).orElse("");
        String host = target.view().remote().map(RemoteHost::label).orElse("");
        boolean pinned = target.confirm(fingerprint);
        audit.hostKeyPinned(user(ctx), ctx.ip(), host, fingerprint.matches("SHA256:[A-Za-z0-9+/]{43}") ? fingerprint : "",
                pinned ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.FAILURE);
        ctx.redirect("/host", HttpStatus.SEE_OTHER);
    }

    /** Forgets the pinned key (after the administrator verified the new one at the host's console). */
    void forget(Context ctx) throws IOException {
        String host = target.view().remote().map(RemoteHost::label).orElse("");
        Optional<HostKey> old = target.forget();
        audit.hostKeyForgotten(user(ctx), ctx.ip(), host, old.map(HostKey::fingerprint).orElse(""),
                old.isPresent() ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.FAILURE);
        ctx.redirect("/host", HttpStatus.SEE_OTHER);
    }

    /** The line every page shows under its header: where deployments go. */
    String headerLine(Locale locale) {
        var view = target.view();
        if (view.local()) return messages.text(locale, "host.header.local");
        String label = view.remote().get().label();
        return view.ready()
                ? messages.text(locale, "host.header.remote", label, view.pinned().map(HostKey::fingerprint).orElse(""))
                : messages.text(locale, "host.header.notReady", label);
    }

    /** A password is kept only for the very host it was typed for: never sent to another one. */
    private static String keptPassword(DeploymentTarget.View view, Map<String, String> form) {
        if (view.passwordLost() || view.remote().isEmpty()) return null;
        RemoteHost r = view.remote().get();
        boolean same = r.address().equalsIgnoreCase(form.get(RemoteHost.ADDRESS).strip())
                && String.valueOf(r.port()).equals(form.get(RemoteHost.PORT).strip().isEmpty() ? "22" : form.get(RemoteHost.PORT).strip())
                && r.user().equals(form.get(RemoteHost.USER).strip());
        return same && r.auth() instanceof RemoteHost.Password p ? p.value() : null;
    }

    private static Map<String, String> formOf(DeploymentTarget.View view) {
        var form = new HashMap<String, String>();
        form.put(RemoteHost.ADDRESS, "");
        form.put(RemoteHost.PORT, "22");
        form.put(RemoteHost.USER, "root");
        form.put(RemoteHost.AUTH, "key");
        form.put(RemoteHost.KEY_FILE, "");
        view.remote().ifPresent(r -> {
            form.put(RemoteHost.ADDRESS, r.address());
            form.put(RemoteHost.PORT, String.valueOf(r.port()));
            form.put(RemoteHost.USER, r.user());
            if (r.auth() instanceof RemoteHost.KeyFile k) form.put(RemoteHost.KEY_FILE, k.path().toString());
            else form.put(RemoteHost.AUTH, "password");
        });
        return form;
    }

    private void render(Context ctx, DeploymentTarget.View view, Map<String, String> form, String choice,
                        List<RemoteHost.Problem> problems) {
        Locale locale = Language.of(ctx);
        var errors = new LinkedHashMap<String, String>();
        for (var p : problems) errors.putIfAbsent(p.field(), messages.text(locale, p.key(), p.args().toArray()));
        boolean formProblems = !problems.isEmpty();
        String state = state(view);
        // A failed contact is told at the field it concerns (the port, the password, the key file).
        if (!formProblems && view.problem().isPresent() && !"changed".equals(state)) {
            SshProblem p = view.problem().get();
            errors.putIfAbsent(fieldOf(p.kind(), form), messages.text(locale, p.messageKey()));
        }
        boolean passwordSet = !view.passwordLost() && view.remote().map(r -> r.auth() instanceof RemoteHost.Password).orElse(false);
        var fields = new LinkedHashMap<String, FieldView>();
        for (String f : FIELDS) {
            String value = RemoteHost.PASSWORD.equals(f) ? "" : form.getOrDefault(f, "");
            fields.put(f, new FieldView(f, RemoteHost.PORT.equals(f) ? "integer" : "text", value, errors.get(f), null,
                    RemoteHost.PASSWORD.equals(f) && passwordSet, RemoteHost.PASSWORD.equals(f) ? 1024 : 4096, List.of()));
        }
        var model = new LinkedHashMap<String, Object>();
        model.put("step", "host");
        model.put("f", fields);
        model.put("summary", errors);
        model.put("choice", choice);
        model.put("authKind", form.getOrDefault(RemoteHost.AUTH, "key"));
        model.put("state", state);
        model.put("label", view.remote().map(RemoteHost::label).orElse(""));
        model.put("pinned", view.pinned().map(HostKey::fingerprint).orElse(""));
        model.put("offeredType", view.awaiting().or(() -> view.problem().flatMap(SshProblem::offered)).map(HostKey::type).orElse(""));
        model.put("offered", view.awaiting().or(() -> view.problem().flatMap(SshProblem::offered)).map(HostKey::fingerprint).orElse(""));
        model.put("changedFrom", view.problem().flatMap(SshProblem::pinned).map(HostKey::fingerprint).orElse(""));
        model.put("facts", view.facts().orElse(null));
        model.put("problemDetail", view.problem().map(Throwable::getMessage).orElse(""));
        pages.render(ctx, "host", model);
    }

    static String state(DeploymentTarget.View view) {
        if (view.local()) return "local";
        if (view.passwordLost()) return "passwordNeeded";
        if (view.problem().map(p -> p.kind() == SshProblem.Kind.HOST_KEY_CHANGED).orElse(false)) return "changed";
        if (view.awaiting().isPresent()) return "confirm";
        if (view.ready()) return "ready";
        return view.problem().isPresent() ? "problem" : "notConnected";
    }

    private static String fieldOf(SshProblem.Kind kind, Map<String, String> form) {
        return switch (kind) {
            case PORT_CLOSED -> RemoteHost.PORT;
            case UNKNOWN_HOST, UNREACHABLE, TIMED_OUT, FAILED -> RemoteHost.ADDRESS;
            case KEY_FILE_UNREADABLE, KEY_FILE_PERMISSIONS, KEY_FILE_INVALID -> RemoteHost.KEY_FILE;
            case LOGIN_REFUSED -> "password".equals(form.get(RemoteHost.AUTH)) ? RemoteHost.PASSWORD : RemoteHost.KEY_FILE;
            case HOST_KEY_NOT_CONFIRMED, HOST_KEY_CHANGED -> RemoteHost.ADDRESS;
        };
    }

    private static String user(Context ctx) {
        return AuthGate.session(ctx).map(s -> s.user().name()).orElse("");
    }
}
