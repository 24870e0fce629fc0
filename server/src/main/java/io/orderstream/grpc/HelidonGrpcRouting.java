package io.orderstream.grpc;

import java.util.List;

import io.helidon.webserver.grpc.GrpcRouting;
import io.helidon.webserver.grpc.GrpcServiceDescriptor;

import io.grpc.BindableService;

/**
 * The gRPC routes of the Helidon port: the services, each behind the interceptors that work
 * around a Helidon 4.5.0 issue on this port. {@link HelidonTransport} lets the service tell
 * Helidon's calls from Netty's (a stream leak), {@link HelidonRefusedMessages} answers a request
 * Helidon will not read, {@link HelidonStatusMessages} encodes status descriptions.
 */
public final class HelidonGrpcRouting {
    private HelidonGrpcRouting() {
    }

    /**
     * The routes.
     *
     * @param services        the services, as the Netty port serves them too
     * @param maxRequestBytes largest request message answered rather than refused
     * @return the routing, for the web server's builder
     */
    public static GrpcRouting.Builder of(List<BindableService> services, int maxRequestBytes) {
        GrpcRouting.Builder routing = GrpcRouting.builder()
                .intercept(new HelidonTransport())
                .intercept(new HelidonRefusedMessages(maxRequestBytes))
                .intercept(new HelidonStatusMessages());
        // Registered as descriptors: reflection can then describe them (grpcurl needs no .proto).
        services.forEach(service -> routing.service(GrpcServiceDescriptor.builder(service).build()));
        return routing;
    }
}
