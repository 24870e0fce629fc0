#!/usr/bin/env node
// Submits a market order to orderstream over gRPC and watches it to the end, with the
// @orderstream/client package:
//
//   node watch-order.mjs [--target localhost:8080] [--token-in SOL] [--token-out USDC]
//                        [--amount 10] [--slippage 0.5] [--order-id ID] [--token T]
//
// A gateway in jwt mode wants a token (a JWT or an API key): --token, or the ORDERSTREAM_TOKEN
// environment variable. grpc-js works on both gRPC ports: Helidon's (the HTTP port, default 8080)
// and the Netty one (ORDERSTREAM_GRPC_PORT, default 9090). A refused order prints its field
// violations. Exit status: 0 confirmed, 2 failed, 3 cancelled, 1 error.
import { parseArgs } from 'node:util';
import { OrderStreamClient, OrderStreamError, step } from '@orderstream/client';

const EXIT = { confirmed: 0, failed: 2, cancelled: 3 };
const TOKEN_VARIABLE = 'ORDERSTREAM_TOKEN';

const { values: args } = parseArgs({
  options: {
    target: { type: 'string', default: 'localhost:8080' },
    'token-in': { type: 'string', default: 'SOL' },
    'token-out': { type: 'string', default: 'USDC' },
    amount: { type: 'string', default: '10' },
    slippage: { type: 'string', default: '0.5' },
    'order-id': { type: 'string' },
    token: { type: 'string', default: process.env[TOKEN_VARIABLE] ?? '' },
  },
});

function show(event) {
  console.log(`seq=${String(event.seq).padEnd(3)} ${step(event.status).padEnd(10)} `
    + `${String(event.progress).padStart(3)}%  ${event.message}`);
  for (const quote of event.quotes) {
    const chosen = quote.dex === event.chosenDex;
    console.log(`          ${chosen ? '*' : ' '} ${quote.dex.padEnd(9)} out ${quote.amountOut.padEnd(18)} `
      + `price ${quote.price.padEnd(16)} fee ${quote.feeBps} bps${chosen ? '  <- chosen' : ''}`);
  }
  if (event.status === 'ORDER_STATUS_CONFIRMED') {
    console.log(`          dex ${event.chosenDex} amount out ${event.amountOut} tx ${event.txSignature}`);
  }
  if (event.failureReason) {
    console.log(`          reason: ${event.failureReason}`);
  }
}

const HINTS = {
  UNAVAILABLE: ` (is the server running at ${args.target}?)`,
  UNAUTHENTICATED: ` (give a token with --token or the ${TOKEN_VARIABLE} environment variable)`,
  PERMISSION_DENIED: ' (the token lacks the scope named; ask for one that has it)',
};

/** A failed call, with what the server said about each field and when to try again. */
function report(call, error) {
  if (!(error instanceof OrderStreamError)) {
    console.error(`error: ${call}: ${error.message}`);
    return;
  }
  console.error(`error: ${call}: ${error.codeName}: ${error.details}${HINTS[error.codeName] ?? ''}`);
  for (const violation of error.fieldViolations) {
    console.error(`  ${violation.field}: ${violation.description}`);
  }
  if (error.retryDelayMs !== undefined) {
    console.error(`  retry in ${error.retryDelayMs / 1000}s`);
  }
}

async function main() {
  const client = new OrderStreamClient(args.target, { token: args.token });
  try {
    let orderId = args['order-id'];
    if (!orderId) {
      try {
        ({ orderId } = await client.submit({
          tokenIn: args['token-in'], tokenOut: args['token-out'], amount: args.amount, slippage: args.slippage,
        }));
      } catch (error) {
        report('SubmitOrder', error);
        return 1;
      }
      console.log(`submitted order ${orderId} (${args.amount} ${args['token-in']} -> ${args['token-out']})`);
    }
    console.log(`watching order ${orderId} on ${args.target}`);
    try {
      let status;
      const onResume = (error, lastSeq, delayMs) => console.error(
        `stream interrupted (${error.codeName}); resuming after seq ${lastSeq} in ${delayMs} ms`);
      for await (const event of client.watch(orderId, { onResume })) {
        show(event);
        status = event.status;
      }
      status ??= (await client.get(orderId)).status; // it had ended before: nothing new to show
      console.log(`order ${orderId} ended: ${step(status)}`);
      return EXIT[step(status)];
    } catch (error) {
      report('WatchOrder', error);
      return 1;
    }
  } finally {
    client.close();
  }
}

process.exitCode = await main();
