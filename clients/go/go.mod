// The Go stubs of orders.proto (package orderstreamv1, generated into orderstream/v1/ by
// generate.sh) and an example command. The module path is the one orders.proto's go_package names.
module github.com/orderstream/orderstream/gen/go

go 1.19

// The oldest versions known to work: Debian 12's (golang-google-grpc-dev,
// golang-google-protobuf-dev). With the module proxy, `go mod tidy` adds the rest
// (google.golang.org/genproto, for the error details) and go.sum.
require (
	google.golang.org/grpc v1.33.3
	google.golang.org/protobuf v1.28.1
)
