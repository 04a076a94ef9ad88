package hostedengine.wizard;

/** The wizard's steps that hold answers, in the order the administrator meets them. */
public enum Step {
    VM("vm"),
    ENGINE("engine"),
    STORAGE("storage");

    private final String id;

    Step(String id) { this.id = id; }

    /** The step's name in URLs, form ids and message keys. */
    public String id() { return id; }

    public static java.util.Optional<Step> byId(String id) {
        for (Step s : values()) if (s.id.equals(id)) return java.util.Optional.of(s);
        return java.util.Optional.empty();
    }
}
