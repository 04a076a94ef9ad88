package hostedengine.engine;

import java.util.function.Supplier;

/**
 * Maintenance mode and the engine VM's start and shutdown (guide ch. 3 and 5), each one
 * {@code hosted-engine} command whose output is returned. Local maintenance is refused on the
 * host that runs the engine VM, as the tool itself refuses it (set_maintenance.py): checked
 * first from the latest status, and the tool's own refusal is recognised too.
 */
public final class Maintenance {
    static final String ENGINE_HERE = "Unable to enter local maintenance mode";

    private final HostedEngineTool tool;
    private final Supplier<String> localHostname;
    private final Supplier<StatusSnapshot> status;

    /**
     * @param localHostname this host's name as the HA agent reports it (its FQDN)
     * @param status        the latest status, to refuse before running the tool
     */
    public Maintenance(HostedEngineTool tool, Supplier<String> localHostname, Supplier<StatusSnapshot> status) {
        this.tool = tool;
        this.localHostname = localHostname;
        this.status = status;
    }

    public ActionResult set(MaintenanceMode mode) {
        if (mode == MaintenanceMode.LOCAL && engineVmRunsHere()) {
            return ActionResult.refused("maintenance.result.refusedEngineHere", "");
        }
        ToolOutput out = tool.run("--set-maintenance", "--mode=" + mode.id());
        if (out.succeeded()) return ActionResult.done("maintenance.result.done." + mode.id(), out);
        if (out.stderr().contains(ENGINE_HERE)) return ActionResult.refused("maintenance.result.refusedEngineHere", out.combined());
        return ActionResult.failed(out);
    }

    public ActionResult startEngineVm() {
        ToolOutput out = tool.run("--vm-start");
        if (out.succeeded()) return ActionResult.done("maintenance.result.done.vmStart", out);
        if (out.stdout().contains("VM exists and its status is")) {
            return ActionResult.refused("maintenance.result.refusedVmExists", out.combined());
        }
        return ActionResult.failed(out);
    }

    public ActionResult shutdownEngineVm() {
        ToolOutput out = tool.run("--vm-shutdown");
        return out.succeeded() ? ActionResult.done("maintenance.result.done.vmShutdown", out) : ActionResult.failed(out);
    }

    /** Whether the latest status says this host runs the engine VM. */
    public boolean engineVmRunsHere() {
        String me = localHostname.get();
        return status.get().status().flatMap(s -> s.host(me)).map(HostStatus::runsEngineVm).orElse(false);
    }
}
