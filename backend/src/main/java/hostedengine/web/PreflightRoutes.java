package hostedengine.web;

import hostedengine.drafts.DraftStore;
import hostedengine.messages.Messages;
import hostedengine.preflight.Check;
import hostedengine.preflight.LocalVmDirChoices;
import hostedengine.preflight.PreflightService;
import hostedengine.wizard.Answers;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The pre-flight list at the top of the Prepare VM review: each check with its status (icon and
 * word), what it means and how to fix it; "Run checks again"; and, when the appliance's directory
 * lacks space, a field to choose another one.
 */
final class PreflightRoutes {
    private final PreflightService preflight;
    private final DraftStore drafts;
    private final Messages messages;

    PreflightRoutes(PreflightService preflight, DraftStore drafts, Messages messages) {
        this.preflight = preflight;
        this.drafts = drafts;
        this.messages = messages;
    }

    /** One row of the list, in the user's language. */
    record Row(String id, String status, String statusText, String title, String message, String about, String fix,
               boolean simulated) {}

    /**
     * The model entries of the Prepare VM review: the rows, whether they block, the chosen directory.
     * While the host is being read (an {@code ansible-playbook} run no page waits for), the list is
     * pending, Prepare VM is disabled, and the page follows {@link #pending}.
     */
    Map<String, Object> model(String owner, Answers answers, Locale locale, boolean mayOperate) {
        Optional<List<Check>> checks = preflight.checksNow(owner, answers, mayOperate);
        var m = model(checks.orElse(List.of()), preflight.dirs().get(owner), locale);
        m.put("preflightPending", checks.isEmpty());
        if (checks.isEmpty()) m.put("preflightBlocks", true);
        return m;
    }

    Map<String, Object> model(List<Check> checks, String dir, Locale locale) {
        var m = new LinkedHashMap<String, Object>();
        m.put("preflight", checks.stream().map(c -> row(c, locale)).toList());
        m.put("preflightBlocks", checks.stream().anyMatch(Check::blocks));
        m.put("preflightDiskFails", checks.stream().anyMatch(c -> c.id().equals("diskSpace") && c.blocks()));
        m.put("localVmDir", dir);
        return m;
    }

    /** GET /api/wizard/prepare/preflight: whether the list is still waiting for the host's reading. */
    void pending(Context ctx) {
        String owner = BrowserSession.owner(ctx);
        ctx.header("Cache-Control", "no-store");
        boolean mayOperate = NameChecks.operator(ctx).isPresent();
        ctx.json(Map.of("pending", preflight.checksNow(owner, drafts.get(owner).answers(), mayOperate).isEmpty()));
    }

    Row row(Check c, Locale locale) {
        String status = c.status().name().toLowerCase(Locale.ROOT);
        String base = "preflight." + c.id() + ".";
        String fix = c.status() == Check.Status.PASS ? null : messages.text(locale, base + c.outcome() + ".fix", c.args().toArray());
        String message = c.simulated() ? messages.text(locale, "preflight.simulated")
                : messages.text(locale, base + c.outcome(), c.args().toArray());
        return new Row(c.id(), status, messages.text(locale, "preflight.status." + status),
                messages.text(locale, base + "title"), message, messages.text(locale, base + "about"), fix, c.simulated());
    }

    /** POST /wizard/prepare/preflight: starts reading the host again; the list shows it pending until read. */
    void runAgain(Context ctx) {
        String owner = BrowserSession.owner(ctx);
        preflight.startReading(owner);
        ctx.redirect("/wizard/prepare#preflight", HttpStatus.SEE_OTHER);
    }

    /** POST /wizard/prepare/local-vm-dir: another directory for the appliance (the path rule first), then the checks again. */
    void chooseDirectory(Context ctx) throws IOException {
        String owner = BrowserSession.owner(ctx);
        String path = ctx.formParam("localVmDirPath");
        var problem = LocalVmDirChoices.problem(path);
        if (problem.isPresent()) {
            drafts.update(owner, d -> d.withNotice(problem.get(), List.of()));
            ctx.redirect("/wizard/prepare?localVmDirError=1#localVmDirPath", HttpStatus.SEE_OTHER);
            return;
        }
        preflight.dirs().set(owner, path.strip());
        preflight.startReading(owner);
        ctx.redirect("/wizard/prepare#preflight", HttpStatus.SEE_OTHER);
    }
}
