package hostedengine.web;

import hostedengine.engineops.EngineLocation;
import hostedengine.engineops.EngineLogins;

/**
 * What comes after a deployment (guide ch. 1 and 5.5): the Administration Portal's address, the
 * engine CA to import in a browser, and a second host for high availability. Shown on the
 * success page of Finish Deployment and on the status page.
 *
 * @param portalUrl null while no engine is known
 * @param caDownload whether this host trusts an engine CA it can hand out
 */
record NextSteps(String portalUrl, boolean caDownload) {
    static NextSteps of(EngineLogins logins) {
        return new NextSteps(logins.location().map(EngineLocation::portalUrl).orElse(null), logins.trust().isPresent());
    }
}
