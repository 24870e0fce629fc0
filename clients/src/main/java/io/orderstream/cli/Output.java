package io.orderstream.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * Where a command writes: for people, text lines; with {@code --json}, exactly one JSON object
 * per line on stdout (each result or event, proto3 JSON with every field), and errors as a
 * {@code google.rpc.Status} JSON object on stderr.
 */
final class Output {
    private static final JsonFormat.Printer JSON = JsonFormat.printer()
            .alwaysPrintFieldsWithNoPresence()
            .omittingInsignificantWhitespace()
            .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(BadRequest.getDescriptor()).build());

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final boolean terminal;

    /**
     * @param json     one JSON object per line instead of text
     * @param terminal {@code out} is a terminal: a watched order may be drawn in place
     */
    Output(PrintStream out, PrintStream err, boolean json, boolean terminal) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.terminal = terminal;
    }

    boolean json() {
        return json;
    }

    boolean terminal() {
        return terminal;
    }

    /** Text as it is, terminal controls included, shown at once; nothing in JSON mode. */
    void draw(String text) {
        if (!json) {
            out.print(text);
            out.flush();
        }
    }

    /** A line for people; nothing in JSON mode. */
    void text(String line) {
        if (!json) {
            out.println(line);
        }
    }

    /** One message as a JSON line; JSON mode only. */
    void message(MessageOrBuilder message) {
        out.println(toJson(message));
        out.flush();
    }

    /** A failed call, with its status code and any field violations. */
    void rpcError(StatusRuntimeException e, String target) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status == null) {
            Status grpc = e.getStatus();
            status = com.google.rpc.Status.newBuilder()
                    .setCode(grpc.getCode().value())
                    .setMessage(describe(grpc, target))
                    .build();
        }
        if (json) {
            err.println(toJson(status));
            return;
        }
        List<BadRequest.FieldViolation> violations = violations(status);
        if (violations.isEmpty()) {
            err.println("error: " + e.getStatus().getCode() + ": " + describe(e.getStatus(), target));
            return;
        }
        err.println("error: " + e.getStatus().getCode() + ": the server refused the request:");
        violations.forEach(v -> err.println("  " + v.getField() + ": " + v.getDescription()));
    }

    private static List<BadRequest.FieldViolation> violations(com.google.rpc.Status status) {
        List<BadRequest.FieldViolation> violations = new ArrayList<>();
        for (Any detail : status.getDetailsList()) {
            if (detail.is(BadRequest.class)) {
                try {
                    violations.addAll(detail.unpack(BadRequest.class).getFieldViolationsList());
                } catch (InvalidProtocolBufferException ignored) {
                    // A detail we cannot read adds nothing; the status message is shown instead.
                }
            }
        }
        return violations;
    }

    /** A problem that is not a gRPC status (e.g. a stream that ended too early). */
    void error(String message) {
        err.println("error: " + message);
    }

    private static String describe(Status status, String target) {
        String description = status.getDescription() == null ? "" : status.getDescription();
        if (status.getCode() == Status.Code.UNAVAILABLE) {
            return "cannot reach the orderstream gRPC service at " + target
                    + (description.isEmpty() ? "" : " (" + description + ")")
                    + "; is the server running? (--target host:port)";
        }
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return "no answer from " + target + " in time";
        }
        if (status.getCode() == Status.Code.UNAUTHENTICATED) {
            return description + " (give a token with --token or the " + OrderCli.TOKEN_VARIABLE
                    + " environment variable)";
        }
        return description.isEmpty() ? status.getCode().toString() : description;
    }

    private static String toJson(MessageOrBuilder message) {
        try {
            return JSON.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Cannot print " + message.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
