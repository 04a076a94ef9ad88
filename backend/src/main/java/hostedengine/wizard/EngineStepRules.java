package hostedengine.wizard;

import static hostedengine.wizard.Field.*;

import java.util.Optional;

/** The Engine step's rules (FIELDS.md, "Engine step"). */
final class EngineStepRules {
    static final int MAX_RECIPIENTS = 3;

    void check(Checker c) {
        VmStepRules.passwords(c, ADMIN_PASSWORD, ADMIN_PASSWORD_CONFIRM);
        c.must(c.required(SMTP_SERVER), SMTP_SERVER, Syntax::isHostNameOrIp, ErrorKeys.HOST_NAME);
        c.integer(SMTP_PORT, 1, 65535);
        c.required(SOURCE_EMAIL).filter(e -> !Syntax.isEmail(e))
                .ifPresent(e -> c.fail(SOURCE_EMAIL, ErrorKeys.EMAIL, e));
        recipients(c);
    }

    private static void recipients(Checker c) {
        Optional<String> value = c.required(DEST_EMAILS);
        if (value.isEmpty()) return;
        String[] entries = value.get().split(",", -1);
        if (entries.length > MAX_RECIPIENTS) {
            c.fail(DEST_EMAILS, ErrorKeys.EMAIL_COUNT, MAX_RECIPIENTS);
            return;
        }
        for (String entry : entries) {
            if (!Syntax.isEmail(entry.strip())) {
                c.fail(DEST_EMAILS, ErrorKeys.EMAIL, entry.strip());
                return;
            }
        }
    }
}
