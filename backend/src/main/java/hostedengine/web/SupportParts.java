package hostedengine.web;

import hostedengine.support.HostLogs;
import hostedengine.support.SupportBundles;

/** The logs page and the support bundle: the deployment host's logs, and what a bundle gathers. */
public record SupportParts(HostLogs logs, SupportBundles bundles) {}
