package hostedengine.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Every rule of FIELDS.md, authoritative: a form post, an imported answer file and a
 * command line all pass here before anything reaches the role. For the fields the role
 * pastes into shell commands the rule is a whitelist, so a value such as
 * {@code manager.example.com;touch /tmp/x} never leaves the wizard. Free text that is not
 * pasted anywhere (passwords) is taken verbatim, template-looking text included: the
 * ansible package marks it unsafe.
 */
public final class Rules {
    private final VmStepRules vm;
    private final EngineStepRules engine;
    private final StorageStepRules storage;

    /** existsOnHost: tells whether an absolute path is a regular file on the host (for he_appliance_ova). */
    public Rules(HostFacts facts, Predicate<String> existsOnHost) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(existsOnHost, "existsOnHost");
        this.vm = new VmStepRules(facts, existsOnHost);
        this.engine = new EngineStepRules();
        this.storage = new StorageStepRules(facts);
    }

    /**
     * Errors and warnings for the fields of one step, given all answers (some rules look at
     * other steps' answers, e.g. the LUN size vs disk size, the VM IP vs the chosen bridge NIC).
     * At most one error per field: the first rule it breaks.
     */
    public List<FieldError> check(Step step, Answers answers, StorageDevices devices) {
        Checker checker = new Checker(answers);
        switch (step) {
            case VM -> vm.check(checker);
            case ENGINE -> engine.check(checker);
            case STORAGE -> storage.check(checker, devices == null ? StorageDevices.none() : devices);
        }
        return checker.findings();
    }

    /** check() of every step, in step order. */
    public List<FieldError> checkAll(Answers answers, StorageDevices devices) {
        List<FieldError> all = new ArrayList<>();
        for (Step step : Step.values()) all.addAll(check(step, answers, devices));
        return List.copyOf(all);
    }
}
