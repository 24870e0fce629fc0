package io.orderstream.architecture;

import io.orderstream.server.Gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The gateway module's packages depend on each other one way only, only its gRPC face touches
 * the generated contract, and the faces reach orders through the order desk alone: the map of who
 * uses whom is docs/ARCHITECTURE.md.
 */
@AnalyzeClasses(packages = "io.orderstream", importOptions = PackageRulesTest.ServerClasses.class)
class PackageRulesTest {
    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.orderstream.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule CONTRACT_ONLY_IN_GRPC = noClasses()
            .that().resideOutsideOfPackage("io.orderstream.grpc..")
            .should().dependOnClassesThat().resideInAPackage("io.orderstream.proto..")
            .because("REST, WebSocket and the registry work on the order model; grpc maps it to the contract");

    @ArchTest
    static final ArchRule FACES_CALL_THE_DESK = noClasses()
            .that().resideInAnyPackage("io.orderstream.rest..", "io.orderstream.grpc..", "io.orderstream.ws..")
            .should().dependOnClassesThat().resideInAnyPackage("io.orderstream.store..", "io.orderstream.queue..",
                                                               "io.orderstream.bus..")
            .because("REST, gRPC and WebSocket call the order desk's use cases (io.orderstream.desk), never the"
                             + " store, the queue or the bus beneath them");

    /** This module's production classes: not its tests, not the worker's or the contract's classes. */
    public static final class ServerClasses implements ImportOption {
        private static final String ROOT = Gateway.class.getProtectionDomain().getCodeSource().getLocation().toString();

        @Override
        public boolean includes(Location location) {
            return location.asURI().toString().startsWith(ROOT);
        }
    }
}
