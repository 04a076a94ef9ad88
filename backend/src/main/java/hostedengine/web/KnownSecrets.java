package hostedengine.web;

import hostedengine.ansible.Redactor;
import hostedengine.drafts.DraftStore;
import hostedengine.remote.DeploymentTarget;
import hostedengine.remote.RemoteHost;
import java.util.ArrayList;
import java.util.List;

/**
 * Every secret the server still knows: the passwords typed into any wizard draft in memory and
 * the remote deployment host's SSH password. What leaves the server as a file (a run's log, the
 * support bundle) is masked with all of them once more, whoever asks: a run recovered after a
 * restart was masked when its events were written, and this catches what that could not know.
 */
final class KnownSecrets {
    private final DraftStore drafts;
    private final DeploymentTarget remote;

    KnownSecrets(DraftStore drafts, DeploymentTarget remote) {
        this.drafts = drafts;
        this.remote = remote;
    }

    List<String> all() {
        var out = new ArrayList<String>(drafts.secretsInMemory());
        // After a restart the password is gone (a placeholder stands in): nothing to mask.
        if (!remote.view().passwordLost()) remote.view().remote().map(RemoteHost::auth).ifPresent(auth -> {
            if (auth instanceof RemoteHost.Password p) out.add(p.value());
        });
        return out;
    }

    /** A masker for every known secret, in every form output may give it ({@link Redactor#of}). */
    Redactor redactor() { return Redactor.of(all()); }
}
