/**
 * Facts about the hypervisor host: its CPUs, memory, NICs, routes and name, the installed
 * role's defaults, whether the real role can run here, and storage discovery. Reads the
 * machine (files under /proc, small commands); knows nothing of HTTP.
 */
package hostedengine.host;
