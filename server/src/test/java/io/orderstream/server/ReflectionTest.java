package io.orderstream.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.orderstream.testing.TestGateway;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/**
 * Does what grpcurl does with no .proto file: lists services, fetches the file that defines
 * {@code orderstream.v1.OrderService}, and finds {@code WatchOrder} server-streaming; and asks
 * the standard health service. On both gRPC ports.
 */
class ReflectionTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest(name = "{0} port")
    @ValueSource(strings = {"helidon", "netty"})
    void describesTheServiceLikeGrpcurl(String port) throws Exception {
        ManagedChannel channel = channel(port);
        try {
            List<ServerReflectionResponse> listed = ask(channel, ServerReflectionRequest.newBuilder()
                    .setListServices("").build());
            List<String> services = listed.getFirst().getListServicesResponse().getServiceList().stream()
                    .map(ServiceResponse::getName).toList();
            assertThat(services, hasItems("orderstream.v1.OrderService", "grpc.health.v1.Health"));

            ServerReflectionResponse file = ask(channel, ServerReflectionRequest.newBuilder()
                    .setFileContainingSymbol("orderstream.v1.OrderService").build()).getFirst();
            List<MethodDescriptorProto> methods = new ArrayList<>();
            for (var bytes : file.getFileDescriptorResponse().getFileDescriptorProtoList()) {
                FileDescriptorProto proto = FileDescriptorProto.parseFrom(bytes);
                for (ServiceDescriptorProto service : proto.getServiceList()) {
                    if (service.getName().equals("OrderService")) {
                        methods.addAll(service.getMethodList());
                    }
                }
            }
            MethodDescriptorProto watch = methods.stream().filter(m -> m.getName().equals("WatchOrder"))
                    .findFirst().orElseThrow(() -> new AssertionError("WatchOrder not described"));
            assertThat(watch.getServerStreaming(), is(true));
            assertThat(watch.getClientStreaming(), is(false));
            assertThat(methods.stream().map(MethodDescriptorProto::getName).toList(),
                       hasItems("SubmitOrder", "GetOrder", "ListOrders", "CancelOrder", "WatchOrder"));

            HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.newBuilder().build());
            assertThat(health.getStatus(), is(HealthCheckResponse.ServingStatus.SERVING));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static ManagedChannel channel(String port) {
        int target = port.equals("helidon") ? gateway.port() : gateway.grpcPort();
        return ManagedChannelBuilder.forAddress("127.0.0.1", target).usePlaintext().build();
    }

    private static List<ServerReflectionResponse> ask(ManagedChannel channel, ServerReflectionRequest request)
            throws InterruptedException {
        LinkedBlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        answers.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answers.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        answers.add("done");
                    }
                });
        requests.onNext(request);
        requests.onCompleted();
        List<ServerReflectionResponse> responses = new ArrayList<>();
        while (true) {
            Object answer = answers.poll(10, TimeUnit.SECONDS);
            if (answer == null) {
                throw new AssertionError("Reflection did not answer within 10 s");
            }
            if (answer instanceof Throwable t) {
                throw new AssertionError("Reflection failed", t);
            }
            if (answer instanceof ServerReflectionResponse response) {
                if (response.hasErrorResponse()) {
                    throw new AssertionError("Reflection error: " + response.getErrorResponse());
                }
                responses.add(response);
            } else {
                return responses;
            }
        }
    }
}
