package hostedengine.web;

import hostedengine.auth.AuditLog;
import hostedengine.engine.ActionResult;
import hostedengine.engine.NotificationSettings;
import hostedengine.engine.Notifications;
import hostedengine.messages.Messages;
import hostedengine.wizard.Answers;
import hostedengine.wizard.Field;
import hostedengine.wizard.FieldError;
import hostedengine.wizard.Rules;
import hostedengine.wizard.Step;
import hostedengine.wizard.StorageDevices;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The HA broker's e-mail notifications (guide ch. 5.2) of the deployment host (this one, or the
 * remote host over SSH; the page names it): shown as the tool reads them, changed key by key. The e-mail fields follow the wizard's Engine step rules, so a value the wizard
 * refuses is refused here too.
 */
final class NotificationRoutes {
    /** Form field (the broker key) → the wizard field whose rules apply. */
    private static final Map<String, Field> RULED = Map.of(
            NotificationSettings.SMTP_SERVER, Field.SMTP_SERVER, NotificationSettings.SMTP_PORT, Field.SMTP_PORT,
            NotificationSettings.SOURCE_EMAIL, Field.SOURCE_EMAIL, NotificationSettings.DESTINATION_EMAILS, Field.DEST_EMAILS);

    private final Pages pages;
    private final Notifications notifications;
    private final Supplier<Rules> rules;
    private final Messages messages;
    private final AuditLog audit;

    NotificationRoutes(Pages pages, Notifications notifications, Supplier<Rules> rules, Messages messages, AuditLog audit) {
        this.pages = pages;
        this.notifications = notifications;
        this.rules = rules;
        this.messages = messages;
        this.audit = audit;
    }

    void page(Context ctx) {
        var reading = notifications.read();
        render(ctx, reading, reading.settings().orElse(null), Map.of(), null, 200);
    }

    void save(Context ctx) {
        var reading = notifications.read();
        if (reading.settings().isEmpty()) {
            render(ctx, reading, null, Map.of(), null, 502);
            return;
        }
        var wanted = NotificationSettings.of(Map.of(
                NotificationSettings.SMTP_SERVER, form(ctx, NotificationSettings.SMTP_SERVER),
                NotificationSettings.SMTP_PORT, form(ctx, NotificationSettings.SMTP_PORT),
                NotificationSettings.SOURCE_EMAIL, form(ctx, NotificationSettings.SOURCE_EMAIL),
                NotificationSettings.DESTINATION_EMAILS, form(ctx, NotificationSettings.DESTINATION_EMAILS),
                NotificationSettings.STATE_TRANSITION, form(ctx, NotificationSettings.STATE_TRANSITION)));
        Map<String, String> errors = check(wanted, Language.of(ctx));
        String user = AuthGate.session(ctx).map(s -> s.user().name()).orElse("");
        if (!errors.isEmpty()) {
            audit.notificationsChanged(user, ctx.ip(), String.join(",", errors.keySet()), reading.on().label(), AuditLog.Outcome.REFUSED);
            render(ctx, reading, wanted, errors, null, 422);
            return;
        }
        ActionResult result = notifications.write(wanted, reading.settings().get());
        audit.notificationsChanged(user, ctx.ip(), changedKeys(wanted, reading.settings().get()),
                result.on().orElse(reading.on()).label(), result.done() ? AuditLog.Outcome.SUCCESS
                        : result.refused() ? AuditLog.Outcome.REFUSED : AuditLog.Outcome.FAILURE);
        var after = notifications.read();
        render(ctx, after, after.settings().orElse(wanted), Map.of(), result, result.done() ? 200 : 502);
    }

    /** Field id → message, in the viewer's language. */
    private Map<String, String> check(NotificationSettings s, Locale locale) {
        var values = s.asMap();
        var answers = Answers.empty();
        for (var e : RULED.entrySet()) answers = answers.with(e.getValue(), values.get(e.getKey()));
        var errors = new LinkedHashMap<String, String>();
        List<FieldError> found = rules.get().check(Step.ENGINE, answers, StorageDevices.none());
        for (var e : RULED.entrySet()) {
            found.stream().filter(f -> f.field() == e.getValue() && f.blocking()).findFirst()
                    .ifPresent(f -> errors.put(e.getKey(), messages.text(locale, f.key(), f.args().toArray())));
        }
        if (!s.stateTransitionValid()) errors.put(NotificationSettings.STATE_TRANSITION, messages.text(locale, "notify.error.stateTransition"));
        return errors;
    }

    private static String changedKeys(NotificationSettings wanted, NotificationSettings current) {
        var before = current.asMap();
        return String.join(",", wanted.asMap().entrySet().stream()
                .filter(e -> !e.getValue().equals(before.get(e.getKey()))).map(Map.Entry::getKey).toList());
    }

    private static String form(Context ctx, String name) { return Optional.ofNullable(ctx.formParam(name)).orElse(""); }

    private void render(Context ctx, Notifications.Reading reading, NotificationSettings shown, Map<String, String> errors,
                        ActionResult result, int status) {
        var model = new LinkedHashMap<String, Object>();
        model.put("problemKey", reading.problemKey().orElse(null));
        model.put("problemOutput", reading.output());
        model.put("values", shown == null ? Map.of() : shown.asMap());
        model.put("keys", List.of(NotificationSettings.SMTP_SERVER, NotificationSettings.SMTP_PORT, NotificationSettings.SOURCE_EMAIL,
                NotificationSettings.DESTINATION_EMAILS, NotificationSettings.STATE_TRANSITION));
        model.put("errors", errors);
        model.put("result", result);
        model.put("actsOn", ActsOn.of(result != null && result.on().isPresent() ? result.on().get() : reading.on(),
                messages, Language.of(ctx)));
        ctx.status(status);
        pages.render(ctx, "notifications", model);
    }
}
