package io.orderstream.architecture;

import io.orderstream.worker.Backend;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The worker module's packages depend on each other one way only, the worker knows nothing of
 * the gRPC contract, and the order desk (the use cases every face calls) knows nothing of what
 * runs under it or calls it: the map of who uses whom is docs/ARCHITECTURE.md.
 */
@AnalyzeClasses(packages = "io.orderstream", importOptions = PackageRulesTest.WorkerClasses.class)
class PackageRulesTest {
    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.orderstream.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule NO_GRPC_CONTRACT = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.orderstream.proto..")
            .because("the worker runs without the gateway's faces; only the gateway speaks gRPC");

    @ArchTest
    static final ArchRule DESK_ABOVE_ADAPTERS = noClasses().that().resideInAPackage("io.orderstream.desk..")
            .should().dependOnClassesThat().resideInAnyPackage("io.orderstream.engine..", "io.orderstream.worker..",
                                                               "io.orderstream.dexsim..", "io.orderstream.redis..",
                                                               "org.redisson..", "java.sql..", "io.helidon.webserver..")
            .because("the use cases are the same whichever face calls them and whichever adapters run under them:"
                             + " they reach the store, the work signal and the bus through what those packages offer");

    /** This module's production classes: not its tests, not another module's classes on the class path. */
    public static final class WorkerClasses implements ImportOption {
        private static final String ROOT = Backend.class.getProtectionDomain().getCodeSource().getLocation().toString();

        @Override
        public boolean includes(Location location) {
            return location.asURI().toString().startsWith(ROOT);
        }
    }
}
