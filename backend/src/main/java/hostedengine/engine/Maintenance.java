package hostedengine.engine;

import java.util.function.Supplier;

/**
 * Maintenance mode and the engine VM's start and shutdown (guide ch. 3 and 5), each one
 * {@code hosted-engine} command on the deployment host whose output is returned with the host it
 * ran on. Local maintenance is refused on the host that runs the engine VM, as the tool itself
 * refuses it (set_maintenance.py): checked first from the latest status, and the tool's own
 * refusal is recognised too.
 */
public final class Maintenance {
    static final String ENGINE_HERE = "Unable to enter local maintenance mode";

    private final EngineHost tool;
    private final Supplier<String> localHostname;
    private final Supplier<StatusSnapshot> status;

    /**
     * @param tool          where hosted-engine runs: this host, or the deployment host chosen at each call
     * @param localHostname the deployment host's name as the HA agent reports it (its FQDN)
     * @param status        the latest status, to refuse before running the tool
     */
    public Maintenance(EngineHost tool, Supplier<String> localHostname, Supplier<StatusSnapshot> status) {
        this.tool = tool;
        this.localHostname = localHostname;
        this.status = status;
    }

    public ActionResult set(MaintenanceMode mode) {
        EngineHost host = tool.resolve();
        if (host.where().connected() && mode == MaintenanceMode.LOCAL && engineVmRunsHere()) {
            return ActionResult.refused("maintenance.result.refusedEngineHere", "").on(host.where());
        }
        ToolOutput out = host.run("--set-maintenance", "--mode=" + mode.id());
        ActionResult result;
        if (out.succeeded()) result = ActionResult.done("maintenance.result.done." + mode.id(), out);
        else if (out.stderr().contains(ENGINE_HERE)) result = ActionResult.refused("maintenance.result.refusedEngineHere", out.combined());
        else result = ActionResult.failed(out);
        return result.on(host.where().after(out));
    }

    public ActionResult startEngineVm() {
        EngineHost host = tool.resolve();
        ToolOutput out = host.run("--vm-start");
        ActionResult result;
        if (out.succeeded()) result = ActionResult.done("maintenance.result.done.vmStart", out);
        else if (out.stdout().contains("VM exists and its status is")) {
            result = ActionResult.refused("maintenance.result.refusedVmExists", out.combined());
        } else result = ActionResult.failed(out);
        return result.on(host.where().after(out));
    }

    public ActionResult shutdownEngineVm() {
        EngineHost host = tool.resolve();
        ToolOutput out = host.run("--vm-shutdown");
        return (out.succeeded() ? ActionResult.done("maintenance.result.done.vmShutdown", out) : ActionResult.failed(out))
                .on(host.where().after(out));
    }

    /** Whether the latest status says the deployment host runs the engine VM. */
    public boolean engineVmRunsHere() {
        String me = localHostname.get();
        return status.get().status().flatMap(s -> s.host(me)).map(HostStatus::runsEngineVm).orElse(false);
    }
}
