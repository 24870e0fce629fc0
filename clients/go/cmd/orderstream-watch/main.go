// Command orderstream-watch submits a market order to orderstream over gRPC and watches it to
// the end, on the stubs generated from orders.proto:
//
//	orderstream-watch [-target localhost:8080] [-token-in SOL] [-token-out USDC] [-amount 10]
//	                  [-slippage 0.5] [-order-id ID] [-token T]
//
// Go's gRPC works on both of the gateway's gRPC ports: Helidon's (the HTTP port, default 8080)
// and the Netty one (ORDERSTREAM_GRPC_PORT, default 9090). A gateway in jwt mode wants a token
// (a JWT or an API key): -token, or the ORDERSTREAM_TOKEN environment variable. A refused order
// prints its field violations. A stream that breaks after it was established is resumed from
// the last seq seen. Exit status: 0 confirmed, 2 failed, 3 cancelled, 1 error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	orderstreamv1 "github.com/orderstream/orderstream/gen/go/orderstream/v1"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

const tokenVariable = "ORDERSTREAM_TOKEN"

var exitCodes = map[orderstreamv1.OrderStatus]int{
	orderstreamv1.OrderStatus_ORDER_STATUS_CONFIRMED: 0,
	orderstreamv1.OrderStatus_ORDER_STATUS_FAILED:    2,
	orderstreamv1.OrderStatus_ORDER_STATUS_CANCELLED: 3,
}

// resumable: a stream that broke after it was established (the gateway went away, or cut a slow
// watcher off) is opened again from the last seq seen.
var resumable = map[codes.Code]bool{
	codes.Unavailable: true, codes.ResourceExhausted: true, codes.Internal: true, codes.Unknown: true,
}

func main() {
	os.Exit(run())
}

func run() int {
	target := flag.String("target", "localhost:8080", "host:port of either gRPC port of the gateway")
	tokenIn := flag.String("token-in", "SOL", "token to sell")
	tokenOut := flag.String("token-out", "USDC", "token to buy")
	amount := flag.String("amount", "10", "amount of token-in, a decimal string")
	slippage := flag.String("slippage", "0.5", "largest accepted price impact, percent")
	orderID := flag.String("order-id", "", "watch this existing order instead of submitting one")
	token := flag.String("token", os.Getenv(tokenVariable), "access token (JWT or API key) for a gateway in jwt mode; default: $"+tokenVariable)
	flag.Parse()

	conn, err := grpc.Dial(*target, grpc.WithInsecure())
	if err != nil {
		fmt.Fprintf(os.Stderr, "error: %v\n", err)
		return 1
	}
	defer conn.Close()
	client := orderstreamv1.NewOrderServiceClient(conn)
	ctx := context.Background()
	if *token != "" {
		ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+*token)
	}

	id := *orderID
	if id == "" {
		submitCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
		response, err := client.SubmitOrder(submitCtx, &orderstreamv1.SubmitOrderRequest{
			TokenIn: *tokenIn, TokenOut: *tokenOut, Amount: *amount, Slippage: *slippage,
		})
		cancel()
		if err != nil {
			report("SubmitOrder", err, *target)
			return 1
		}
		id = response.GetOrderId()
		fmt.Printf("submitted order %s (%s %s -> %s)\n", id, *amount, *tokenIn, *tokenOut)
	}
	fmt.Printf("watching order %s on %s\n", id, *target)
	final, err := watch(ctx, client, id)
	if err != nil {
		report("WatchOrder", err, *target)
		return 1
	}
	fmt.Printf("order %s ended: %s\n", id, step(final))
	return exitCodes[final]
}

// watch prints the order's events until its terminal one and returns that one's status.
func watch(ctx context.Context, client orderstreamv1.OrderServiceClient, id string) (orderstreamv1.OrderStatus, error) {
	var lastSeq int64
	resumes := 0
	for {
		stream, err := client.WatchOrder(ctx, &orderstreamv1.WatchOrderRequest{OrderId: id, AfterSeq: lastSeq})
		for err == nil {
			var event *orderstreamv1.OrderEvent
			if event, err = stream.Recv(); err != nil {
				break
			}
			if event.GetSeq() <= lastSeq {
				continue // shown before a resume
			}
			lastSeq, resumes = event.GetSeq(), 0
			show(event)
			if _, terminal := exitCodes[event.GetStatus()]; terminal {
				return event.GetStatus(), nil
			}
		}
		if errors.Is(err, io.EOF) {
			return orderstreamv1.OrderStatus_ORDER_STATUS_UNSPECIFIED,
				fmt.Errorf("the server ended the stream of order %s before its terminal event", id)
		}
		if lastSeq == 0 || !resumable[status.Code(err)] || resumes >= 5 {
			return orderstreamv1.OrderStatus_ORDER_STATUS_UNSPECIFIED, err
		}
		resumes++
		backoff := time.Duration(250<<(resumes-1)) * time.Millisecond
		fmt.Fprintf(os.Stderr, "stream interrupted (%s); resuming after seq %d in %s\n", status.Code(err), lastSeq, backoff)
		time.Sleep(backoff)
	}
}

func show(event *orderstreamv1.OrderEvent) {
	fmt.Printf("seq=%-3d %-10s %3d%%  %s\n", event.GetSeq(), step(event.GetStatus()), event.GetProgress(), event.GetMessage())
	for _, quote := range event.GetQuotes() {
		mark, note := " ", ""
		if quote.GetDex() == event.GetChosenDex() {
			mark, note = "*", "  <- chosen"
		}
		fmt.Printf("          %s %-9s out %-18s price %-16s fee %d bps%s\n", mark, quote.GetDex(), quote.GetAmountOut(),
			quote.GetPrice(), quote.GetFeeBps(), note)
	}
	if event.GetStatus() == orderstreamv1.OrderStatus_ORDER_STATUS_CONFIRMED {
		fmt.Printf("          dex %s amount out %s tx %s\n", event.GetChosenDex(), event.GetAmountOut(), event.GetTxSignature())
	}
	if event.GetFailureReason() != "" {
		fmt.Printf("          reason: %s\n", event.GetFailureReason())
	}
}

// report prints a failed call: its code and message, and the details of its google.rpc.Status
// (BadRequest's field violations, RetryInfo's delay).
func report(call string, err error, target string) {
	s, ok := status.FromError(err)
	if !ok {
		fmt.Fprintf(os.Stderr, "error: %s: %v\n", call, err)
		return
	}
	hint := ""
	switch s.Code() {
	case codes.Unavailable:
		hint = " (is the server running at " + target + "?)"
	case codes.Unauthenticated:
		hint = " (give a token with -token or the " + tokenVariable + " environment variable)"
	}
	fmt.Fprintf(os.Stderr, "error: %s: %s: %s%s\n", call, codeName(s.Code()), s.Message(), hint)
	for _, detail := range s.Details() {
		switch d := detail.(type) {
		case *errdetails.BadRequest:
			for _, violation := range d.GetFieldViolations() {
				fmt.Fprintf(os.Stderr, "  %s: %s\n", violation.GetField(), violation.GetDescription())
			}
		case *errdetails.RetryInfo:
			fmt.Fprintf(os.Stderr, "  retry in %ds\n", d.GetRetryDelay().GetSeconds())
		}
	}
}

// codeName is the code as gRPC's other languages spell it: INVALID_ARGUMENT, not InvalidArgument.
func codeName(code codes.Code) string {
	var name strings.Builder
	previous := 'A'
	for _, r := range code.String() {
		if r >= 'A' && r <= 'Z' && previous >= 'a' && previous <= 'z' {
			name.WriteByte('_')
		}
		name.WriteRune(r)
		previous = r
	}
	return strings.ToUpper(name.String())
}

// step: ORDER_STATUS_ROUTING -> routing
func step(s orderstreamv1.OrderStatus) string {
	return strings.ToLower(strings.TrimPrefix(s.String(), "ORDER_STATUS_"))
}
