package hostedengine.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.drafts.Draft;
import hostedengine.drafts.DraftStore;
import hostedengine.messages.Messages;
import hostedengine.wizard.AnswerFiles;
import hostedengine.wizard.Answers;
import hostedengine.wizard.FieldError;
import hostedengine.wizard.ImportResult;
import hostedengine.wizard.Rules;
import hostedengine.wizard.Step;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answer files: export of the non-secret answers as JSON keyed by role variable, and
 * import of that JSON or of a {@code hosted-engine --deploy} answer file. Imported
 * values go through the same rules; the user lands on the first step that needs
 * attention, with every problem shown at its field.
 */
final class AnswerFileRoutes {
    static final int MAX_FILE_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pages pages;
    private final DraftStore drafts;
    private final Supplier<Rules> rules;
    private final Supplier<Answers> defaults;
    private final Messages messages;

    AnswerFileRoutes(Pages pages, DraftStore drafts, Supplier<Rules> rules, Supplier<Answers> defaults,
                     Messages messages) {
        this.messages = messages;
        this.pages = pages;
        this.drafts = drafts;
        this.rules = rules;
        this.defaults = defaults;
    }

    void export(Context ctx) throws JsonProcessingException {
        Draft draft = drafts.get(BrowserSession.owner(ctx));
        ctx.header("Content-Disposition", "attachment; filename=\"hosted-engine-answers.json\"");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                AnswerFiles.export(rules.get(), draft.answers(), draft.devices())));
    }

    void form(Context ctx) {
        pages.render(ctx, "wizard/import", Map.of("step", "import"));
    }

    void importFile(Context ctx) {
        UploadedFile file = ctx.uploadedFile("file");
        ImportResult result;
        try {
            result = parse(file);
        } catch (UnreadableAnswerFile e) {
            ctx.status(422);
            pages.render(ctx, "wizard/import", Map.of("step", "import", "importError", e.getMessage()));
            return;
        }
        String owner = BrowserSession.owner(ctx);
        var locale = Language.of(ctx);
        // Start from this host's defaults, keep passwords already typed in this session; every value of
        // the file is judged, and a refused one the role would paste into a shell is not kept.
        Draft draft = drafts.update(owner, d -> {
            var admission = AnswerFiles.admit(rules.get(), defaults.get().merge(d.answers().onlySecrets()), result,
                    d.devices());
            List<String> refused = admission.refused().stream().map(e -> AnswerFiles.variableOf(e.field()) + " ("
                    + messages.text(locale, "field." + e.field().id() + ".label") + "): "
                    + messages.text(locale, e.key(), e.args().toArray())
                    + (AnswerFiles.PASTED_INTO_SHELL.contains(e.field()) ? " " + messages.text(locale, "import.notKept") : ""))
                    .toList();
            return d.withAnswers(admission.answers()).attemptingAll().withNotice(
                    refused.isEmpty() ? "notice.imported" : "notice.importedWithRefusals", List.of(
                            String.valueOf(result.answers().asMap().size()),
                            String.join(", ", result.ignoredKeys()),
                            String.join(", ", result.ignoredSecrets()),
                            String.join(" · ", refused)));
        });
        for (Step step : Step.values()) {
            if (rules.get().check(step, draft.answers(), draft.devices()).stream().anyMatch(FieldError::blocking)) {
                ctx.redirect("/wizard/" + step.id());
                return;
            }
        }
        ctx.redirect("/wizard/finish");
    }

    /** JSON keyed by role variable, or the otopi answer-file format; anything else is refused. */
    static ImportResult parse(UploadedFile file) throws UnreadableAnswerFile {
        if (file == null) throw new UnreadableAnswerFile("import.noFile");
        if (file.size() > MAX_FILE_BYTES) throw new UnreadableAnswerFile("import.tooLarge");
        String text;
        try (InputStream in = file.content()) {
            text = new String(in.readNBytes(MAX_FILE_BYTES + 1), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnreadableAnswerFile("import.unreadable");
        }
        try {
            return AnswerFiles.parse(text);
        } catch (AnswerFiles.UnreadableAnswerFile e) {
            throw new UnreadableAnswerFile(e.getMessage());
        }
    }

    /** The upload is not an answer file at all; the message is a message key. */
    static final class UnreadableAnswerFile extends Exception {
        UnreadableAnswerFile(String key) { super(key, null, false, false); }
    }
}
