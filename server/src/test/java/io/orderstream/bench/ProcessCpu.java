package io.orderstream.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.LongStream;

/**
 * CPU time processes have used so far, as the operating system counts it
 * ({@link ProcessHandle.Info#totalCpuDuration()}), summed by role: the setup's own JVMs by pid,
 * and the local services it runs on (PostgreSQL's server and backends, Redis) by command. A
 * process that has ended, or whose figure the system does not give, adds nothing, so a
 * PostgreSQL backend that ended inside a window is missing from it: the setups' pools keep
 * theirs open.
 */
final class ProcessCpu {
    /**
     * Distributed setups' services on this machine, by the executable that runs them. Debian's
     * {@code redis-server} is a link to {@code redis-check-rdb}, which acts as the server by the
     * name it was started under, and the system names the executable the link points to.
     */
    private static final List<Service> SERVICES = List.of(
            new Service("postgres", command -> command.endsWith("/postgres")),
            new Service("redis", command -> command.endsWith("/redis-server") || command.endsWith("/redis-check-rdb")));

    private ProcessCpu() {
    }

    /**
     * CPU time so far of the processes with these ids.
     *
     * @param pids process ids
     * @return nanoseconds
     */
    static long of(LongStream pids) {
        return pids.mapToObj(ProcessHandle::of)
                .flatMap(Optional::stream)
                .mapToLong(ProcessCpu::nanos)
                .sum();
    }

    /**
     * CPU time so far of the local PostgreSQL and Redis, each under its name.
     *
     * @return nanoseconds by service, in a fixed order
     */
    static Map<String, Long> services() {
        Map<String, Long> used = new LinkedHashMap<>();
        for (Service service : SERVICES) {
            used.put(service.name(), ProcessHandle.allProcesses()
                    .filter(process -> process.info().command().filter(service.runs()).isPresent())
                    .mapToLong(ProcessCpu::nanos)
                    .sum());
        }
        return used;
    }

    private static long nanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** A service, and how to tell its processes by their executable. */
    private record Service(String name, Predicate<String> runs) {
    }
}
