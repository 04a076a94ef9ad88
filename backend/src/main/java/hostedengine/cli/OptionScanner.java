package hostedengine.cli;

/**
 * Reads a command line one argument at a time, the one way every command of the product (the
 * server's and {@code deploy}, {@code status}, {@code continue}) takes options: {@code --flag},
 * {@code --flag VALUE} or {@code --flag=VALUE}, and bare operands. The command decides what each
 * flag means; this only cuts the arguments and says when a value is missing or unwanted.
 */
public final class OptionScanner {
    private final String[] args;
    private int next;
    private String flag;
    private String inline;

    public OptionScanner(String[] args) { this.args = args.clone(); }

    public boolean hasNext() { return next < args.length; }

    /** The next flag (without an {@code =VALUE}) or operand. */
    public String next() {
        String arg = args[next++];
        inline = null;
        if (arg.startsWith("--") && arg.contains("=")) {
            inline = arg.substring(arg.indexOf('=') + 1);
            arg = arg.substring(0, arg.indexOf('='));
        }
        flag = arg;
        return arg;
    }

    /** The value of the flag just read: after its '=', else the next argument (which must not be a flag). */
    public String value() throws BadOption {
        if (inline != null) return inline;
        if (next >= args.length || args[next].startsWith("--")) throw new BadOption(flag + " needs a value; see --help");
        return args[next++];
    }

    /** For a flag that takes no value: refuses {@code --flag=VALUE}. */
    public boolean noValue() throws BadOption {
        if (inline != null) throw new BadOption(flag + " takes no value; see --help");
        return true;
    }

    /** An option the scanner could not read; the message names the flag and says what is wrong. */
    public static final class BadOption extends Exception {
        public BadOption(String message) { super(message, null, false, false); }
    }
}
