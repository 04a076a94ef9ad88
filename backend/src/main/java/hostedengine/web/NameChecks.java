package hostedengine.web;

import hostedengine.drafts.DraftStore;
import hostedengine.host.HostnameChecks.Request;
import hostedengine.host.HostnameChecks.Result;
import hostedengine.host.HostnameChecks.State;
import hostedengine.host.HostnameChecks.Subject;
import hostedengine.host.HostnameChecks;
import hostedengine.messages.Messages;
import hostedengine.wizard.Answers;
import hostedengine.wizard.Field;
import hostedengine.wizard.FieldError;
import hostedengine.wizard.HostFacts;
import hostedengine.wizard.Rules;
import hostedengine.wizard.Step;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Engine VM FQDN and Host FQDN fields checked by the role's validate_hostnames: started when
 * the browser leaves a field (after the field's own rule passed), shown as checking / passed /
 * failed with the reason in the user's language, and required to have passed before the VM step
 * is left.
 */
final class NameChecks {
    private final HostnameChecks checks;
    private final DraftStore drafts;
    private final Supplier<HostFacts> facts;
    private final Supplier<Rules> rules;
    private final Messages messages;

    NameChecks(HostnameChecks checks, DraftStore drafts, Supplier<HostFacts> facts, Supplier<Rules> rules,
               Messages messages) {
        this.checks = checks;
        this.drafts = drafts;
        this.facts = facts;
        this.rules = rules;
        this.messages = messages;
    }

    /** A check as the page shows it: state, the reason in the user's language, the role's own words. */
    record View(String state, String message, String detail) {}

    /** POST /api/wizard/vm/names: starts the checks of the saved answers that pass their rules. */
    void start(Context ctx) { answer(ctx, true); }

    /** GET /api/wizard/vm/names: where the checks of the saved answers stand. */
    void status(Context ctx) { answer(ctx, false); }

    private void answer(Context ctx, boolean start) {
        Answers answers = drafts.get(BrowserSession.owner(ctx)).answers();
        ctx.header("Cache-Control", "no-store");
        // A check is a root ansible-playbook run: only an operator's request starts one; a
        // viewer sees what is known.
        ctx.json(views(answers, Language.of(ctx), start && operator(ctx).isPresent(), operator(ctx).orElse(null)));
    }

    /** The user of this request when they may operate (start runs). */
    static Optional<String> operator(Context ctx) {
        return AuthGate.session(ctx).filter(s -> hostedengine.auth.Permission.mayOperate(s.user())).map(s -> s.user().name());
    }

    Map<String, View> views(Answers answers, Locale locale, boolean start) {
        return views(answers, locale, start, null);
    }

    /** Field id → view, for the fields that have a request (a value passing its rule). */
    Map<String, View> views(Answers answers, Locale locale, boolean start, String user) {
        List<FieldError> findings = rules.get().check(Step.VM, answers, hostedengine.wizard.StorageDevices.none());
        Map<String, View> out = new LinkedHashMap<>();
        for (Subject s : Subject.values()) {
            Optional<Request> r = request(s, answers, findings, facts.get());
            if (r.isEmpty()) continue;
            Optional<Result> result = start ? Optional.of(checks.start(r.get(), user)) : checks.known(r.get());
            result.ifPresent(res -> out.put(field(s).id(), view(res, locale)));
        }
        return out;
    }

    /** Before the VM step is left: starts the checks, and turns running or failed ones into errors. */
    List<FieldError> beforeLeaving(Answers answers, List<FieldError> findings) {
        return beforeLeaving(answers, findings, Optional.of(""));
    }

    /**
     * The same for one request's user: an operator's checks are started when none is known (a
     * failed one is checked again when the field is left, not here, so the page following a
     * check never starts it anew), never awaited (a check is
     * an {@code ansible-playbook} run: no request thread waits for one); one still running stops
     * the step with "still being checked", and the page follows it and goes on by itself once it
     * passed. A viewer (who starts no runs and deploys nothing) is stopped only by a check already
     * known to fail.
     */
    List<FieldError> beforeLeaving(Answers answers, List<FieldError> findings, Optional<String> operator) {
        List<FieldError> out = new ArrayList<>();
        for (Subject s : Subject.values()) {
            Optional<Request> r = request(s, answers, findings, facts.get());
            if (r.isEmpty()) continue;
            Result result = operator.isPresent()
                    ? checks.known(r.get()).orElseGet(() -> checks.start(r.get(), operator.get().isEmpty() ? null : operator.get()))
                    : checks.known(r.get()).filter(k -> k.state() == State.FAILED).orElse(Result.PASSED);
            // Busy: this user's check of another name for the field has not ended yet; it will.
            boolean busy = result.state() == State.FAILED && "busy".equals(result.reason());
            if (result.state() == State.CHECKING || busy) out.add(FieldError.error(field(s), "fqdnCheck.reason.running"));
            else if (result.state() == State.FAILED) {
                out.add(FieldError.error(field(s), "fqdnCheck.reason." + result.reason(), result.detail()));
            }
        }
        return out;
    }

    /** Whether leaving the step was stopped only because a check still runs (the page then goes on by itself). */
    static boolean stillChecking(List<FieldError> findings) {
        return findings.stream().anyMatch(e -> e.key().equals("fqdnCheck.reason.running"))
                && findings.stream().filter(FieldError::blocking).allMatch(e -> e.key().equals("fqdnCheck.reason.running"));
    }

    View view(Result r, Locale locale) {
        return switch (r.state()) {
            case CHECKING -> new View("checking", messages.text(locale, "fqdnCheck.checking"), null);
            case PASSED -> new View("passed", messages.text(locale, "fqdnCheck.passed"), null);
            case FAILED -> new View("failed", messages.text(locale, "fqdnCheck.reason." + r.reason(), r.detail()), r.detail());
        };
    }

    static Field field(Subject s) { return s == Subject.ENGINE ? Field.ENGINE_VM_FQDN : Field.HOST_FQDN; }

    /**
     * The check of one field, when its value (and the bridge interface and name it uses) passed
     * their rules: only such values ever reach the role.
     */
    static Optional<Request> request(Subject s, Answers a, List<FieldError> findings, HostFacts facts) {
        Field f = field(s);
        if (a.get(f).isBlank() || blocked(f, findings)) return Optional.empty();
        String bridge = a.get(Field.BRIDGE_INTERFACE).isBlank() || blocked(Field.BRIDGE_INTERFACE, findings)
                ? null : a.get(Field.BRIDGE_INTERFACE);
        String bridgeName = a.get(Field.BRIDGE_NAME).isBlank() || blocked(Field.BRIDGE_NAME, findings)
                ? null : a.get(Field.BRIDGE_NAME);
        String hostAddress = null;
        if (s == Subject.ENGINE && bridge != null) {
            hostAddress = facts.nic(bridge).flatMap(n -> n.addresses().stream().findFirst())
                    .map(cidr -> cidr.replaceFirst("/.*$", "")).orElse(null);
        }
        return Optional.of(new Request(s, a.get(f), s == Subject.HOST ? bridge : null, bridgeName, hostAddress));
    }

    private static boolean blocked(Field f, List<FieldError> findings) {
        return findings.stream().anyMatch(e -> e.field() == f && e.blocking());
    }
}
