package io.orderstream.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import io.orderstream.distributed.Cluster;
import io.orderstream.distributed.NodeProcess;

/**
 * Gateway processes without workers and worker processes, on the shared Redis and PostgreSQL,
 * started by {@link Cluster} (its own Redis key prefix and PostgreSQL schema, instant and
 * failure-free mock DEXs unless told otherwise).
 */
final class DistributedSetup implements Setup {
    private final Cluster cluster;
    private final List<Endpoint> gateways;
    private final long[] gatewayPids;
    private final long[] workerPids;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DistributedSetup(Cluster cluster, List<Endpoint> gateways, long[] gatewayPids, long[] workerPids) {
        this.cluster = cluster;
        this.gateways = gateways;
        this.gatewayPids = gatewayPids;
        this.workerPids = workerPids;
    }

    /**
     * Starts the processes and waits until each serves.
     *
     * @param gatewayCount gateways
     * @param workerCount  workers
     * @param settings     environment of every process, on top of the cluster's own
     * @return the running setup
     * @throws Exception when a process does not start; every one started is stopped again
     */
    static DistributedSetup start(int gatewayCount, int workerCount, Map<String, String> settings)
            throws Exception {
        Cluster cluster = Cluster.on(Cluster.SHARED_REDIS, "bench").jvmArgs(ServerJvm.OPTIONS);
        settings.forEach(cluster::with);
        try {
            List<Cluster.GatewayNode> started = cluster.gateways(gatewayCount);
            List<Endpoint> gateways = started.stream()
                    .map(gateway -> new Endpoint(gateway.port(), gateway.grpcPort()))
                    .toList();
            long[] workerPids = cluster.workers(workerCount).stream().mapToLong(NodeProcess::pid).toArray();
            return new DistributedSetup(cluster, gateways,
                                        started.stream().mapToLong(gateway -> gateway.process().pid()).toArray(),
                                        workerPids);
        } catch (Exception | Error e) {
            new DistributedSetup(cluster, List.of(), new long[0], new long[0]).close();
            throw e;
        }
    }

    /**
     * What a setup of this kind is, for the table's legend.
     *
     * @param gatewayCount gateways
     * @param workerCount  workers
     * @return its description
     */
    static String describe(int gatewayCount, int workerCount) {
        return gatewayCount + " gateway" + (gatewayCount == 1 ? "" : "s") + " + " + workerCount + " worker"
                + (workerCount == 1 ? "" : "s") + ", each its own JVM, on Redis and PostgreSQL";
    }

    @Override
    public List<Endpoint> gateways() {
        return gateways;
    }

    @Override
    public Map<String, Long> cpuNanos() {
        Map<String, Long> used = new LinkedHashMap<>();
        used.put("gateways", ProcessCpu.of(LongStream.of(gatewayPids)));
        used.put("workers", ProcessCpu.of(LongStream.of(workerPids)));
        used.putAll(ProcessCpu.services());
        return used;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Cluster.close() stops at an interrupt, before the remaining processes: this may run on
        // a thread being stopped, so it runs with the interrupt held back, and again if one comes.
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 1; attempt <= 2; attempt++) {
                try {
                    cluster.close();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (Exception | AssertionError e) {
                    System.err.println("Stopping the cluster: " + Outcome.describe(e));
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
