package hostedengine.backup;

import java.nio.file.Path;

/** An engine-backup archive made by the double on a simulated engine VM, for tests of other packages. */
public final class BackupsForTests {
    private BackupsForTests() {}

    public static Path made(Path vmRoot, Path file) {
        return EngineBackupDoubleTest.SimulatedVm.install(vmRoot).backup(file);
    }
}
