package hostedengine.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.auth.AuditLog;
import hostedengine.deploy.RunId;
import hostedengine.deploy.Runs;
import hostedengine.drafts.Draft;
import hostedengine.drafts.DraftStore;
import hostedengine.remote.DeploymentTarget;
import hostedengine.support.SupportBundles;
import hostedengine.wizard.AnswerFiles;
import hostedengine.wizard.Rules;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /support/bundle[?run=ID]}: the support bundle as a download, streamed as it is
 * made (operators only; audited). The page's part is what only it knows: the user's answers
 * (exported as an answer file), their pre-flight checks, and the secrets to mask.
 */
final class SupportRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SupportBundles bundles;
    private final DraftStore drafts;
    private final Supplier<Rules> rules;
    private final HostParts host;
    private final Runs runs;
    private final KnownSecrets secrets;
    private final AuditLog audit;
    private final Clock clock;

    SupportRoutes(SupportBundles bundles, DraftStore drafts, Supplier<Rules> rules, HostParts host, Runs runs,
                  DeploymentTarget remote, AuditLog audit, Clock clock) {
        this.bundles = bundles;
        this.drafts = drafts;
        this.rules = rules;
        this.host = host;
        this.runs = runs;
        this.secrets = new KnownSecrets(drafts, remote);
        this.audit = audit;
        this.clock = clock;
    }

    void bundle(Context ctx) throws IOException {
        String user = AuthGate.session(ctx).map(s -> s.user().name()).orElse("");
        Optional<String> run = Optional.ofNullable(ctx.queryParam("run")).filter(id -> !id.isBlank());
        if (run.isPresent() && (!RunId.isWellFormed(run.get()) || runs.get(run.get()).isEmpty())) throw new NotFoundResponse();
        String owner = BrowserSession.owner(ctx);
        Draft draft = drafts.get(owner);
        String answers = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                AnswerFiles.export(rules.get(), draft.answers(), draft.devices()));
        var request = new SupportBundles.Request(run, answers, preflight(owner, draft), secrets.all());
        Instant now = clock.instant();
        ctx.header("Content-Disposition", "attachment; filename=\"" + SupportBundles.name(run, now) + ".tar.gz\"");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/gzip");
        try {
            bundles.write(ctx.outputStream(), request, now);
            audit.supportBundle(user, ctx.ip(), run.orElse("all"), AuditLog.Outcome.SUCCESS);
        } catch (IOException | RuntimeException e) {
            audit.supportBundle(user, ctx.ip(), run.orElse("all"), AuditLog.Outcome.FAILURE);
            throw e;
        }
    }

    /** The pre-flight checks for the user's answers, only when the host has been read (never waits for a reading). */
    private String preflight(String owner, Draft draft) throws IOException {
        if (host.facts().current().isEmpty()) return JSON.writeValueAsString(Map.of("note", "the host's facts have not been read yet"));
        try {
            var checks = host.preflight().checksNow(owner, draft.answers(), false); // the bundle starts no reading
            if (checks.isEmpty()) return JSON.writeValueAsString(Map.of("note", "the host is being read; the checks follow"));
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(checks.get());
        } catch (RuntimeException e) {
            return JSON.writeValueAsString(Map.of("note", "the checks could not be evaluated for these answers: " + e));
        }
    }

}
