package hostedengine;

/** Starts the Hosted Engine Wizard server. Reading this class tells the whole system. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("Hosted Engine Wizard");
    }
}
