package hostedengine.engineops;

import hostedengine.engineapi.EngineProblem;
import hostedengine.engineapi.EngineSession;
import hostedengine.engineapi.EngineTrust;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The administrators' sessions with the engine, one per browser session: admin@internal's
 * password is given once, to the SDK alone, and only the SSO token is kept, in memory; logging
 * out of the product (or of the engine) revokes it. Nothing here writes a secret anywhere.
 */
public final class EngineLogins implements AutoCloseable {
    public static final String ADMIN = "admin@internal";

    /** Why there is no session: no engine here, or the engine's own problem. */
    public static final class Unavailable extends Exception {
        private final transient Optional<EngineProblem> problem;

        Unavailable(String why, EngineProblem problem) {
            super(why, problem);
            this.problem = Optional.ofNullable(problem);
        }

        /** Empty when no engine is deployed here (or its CA is missing). */
        public Optional<EngineProblem> problem() { return problem; }
    }

    private final Supplier<Optional<EngineLocation>> location;
    private final Path trustStore;
    /** The engine CA confirmed by an administrator where the host holds none (as an SSH host key is pinned). */
    private final Path pinnedCa;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();

    /** @param stateDir where the trust store made from the engine CA is kept ({@code engine/engine-ca.p12}) */
    public EngineLogins(Supplier<Optional<EngineLocation>> location, Path stateDir) {
        this.location = location;
        this.trustStore = stateDir.resolve("engine/engine-ca.p12");
        this.pinnedCa = stateDir.resolve("engine/pinned-ca.pem");
    }

    /** The engine of this host now, if one is deployed. */
    public Optional<EngineLocation> location() { return location.get(); }

    /** The CA this host trusts for its engine: the host's copy, else the one an administrator pinned. */
    public Optional<EngineTrust> trust() {
        return location.get().flatMap(l -> read(l.caFile()).or(() -> read(pinnedCa)));
    }

    /** The CA the engine presents, unverified, for an administrator to compare (asked only while none is trusted). */
    public Optional<EngineTrust> offeredCa() { return location.get().flatMap(EnginePki::offeredCa); }

    /**
     * Pins the CA the engine presents now if its fingerprint is the one the administrator
     * confirmed; false (nothing written) when it differs or cannot be read.
     */
    public boolean pin(String confirmedFingerprint) {
        Optional<EngineTrust> offered = location.get().flatMap(EnginePki::offeredCa);
        if (offered.isEmpty() || !offered.get().fingerprint().equals(confirmedFingerprint)) return false;
        try {
            Files.createDirectories(pinnedCa.getParent());
            hostedengine.files.PrivateFiles.writeAtomically(pinnedCa, offered.get().pem().getBytes(StandardCharsets.US_ASCII));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<EngineTrust> read(Path pem) {
        try {
            return Optional.of(EngineTrust.fromPem(Files.readString(pem, StandardCharsets.US_ASCII)));
        } catch (IOException | GeneralSecurityException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Logs {@code owner} in as admin@internal, replacing (and revoking) any session it had. */
    public EngineSession login(String owner, String password) throws Unavailable {
        EngineLocation at = location.get().orElseThrow(() -> new Unavailable("no engine is deployed on this host", null));
        EngineTrust trust = trust().orElseThrow(() -> new Unavailable("no engine CA is trusted (" + at.caFile() + ")", null));
        try {
            Files.createDirectories(trustStore.getParent());
            trust.writeStore(trustStore);
        } catch (IOException | GeneralSecurityException e) {
            throw new Unavailable("cannot write " + trustStore + ": " + e.getMessage(), null);
        }
        EngineSession session;
        try {
            session = EngineSession.open(at.apiUrl(), ADMIN, password, trustStore);
        } catch (EngineProblem p) {
            throw new Unavailable(p.getMessage(), p);
        }
        logout(owner);
        sessions.put(owner, session);
        return session;
    }

    public Optional<EngineSession> session(String owner) { return Optional.ofNullable(sessions.get(owner)); }

    /** Revokes the owner's token, if it had one (the engine may already be gone: then it is only forgotten). */
    public void logout(String owner) {
        EngineSession s = sessions.remove(owner);
        if (s == null) return;
        try {
            s.close();
        } catch (EngineProblem gone) {
            // The engine no longer answers or already ended the session: nothing is left to revoke.
        }
    }

    /** Forgets a session the engine ended, without a revocation call. */
    public void forget(String owner) {
        EngineSession s = sessions.remove(owner);
        if (s != null) s.detach();
    }

    @Override
    public void close() {
        for (String owner : sessions.keySet()) logout(owner);
    }
}
