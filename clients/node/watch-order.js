#!/usr/bin/env node
// Submits a market order to orderstream over gRPC and watches it to the end.
//
//   node watch-order.js [--target localhost:8080] [--token-in SOL] [--token-out USDC]
//                       [--amount 10] [--slippage 0.5] [--order-id ID]
//
// @grpc/grpc-js works on both gRPC ports: Helidon's (the HTTP port, default 8080) and the
// Netty one (ORDERSTREAM_GRPC_PORT, default 9090). Exit status: 0 confirmed, 2 failed,
// 3 cancelled, 1 error.
'use strict';

const path = require('node:path');
const { parseArgs } = require('node:util');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_DIR = path.resolve(__dirname, '..', '..', 'proto', 'src', 'main', 'proto');
const EXIT = { CONFIRMED: 0, FAILED: 2, CANCELLED: 3 };
const RESUMABLE = new Set([grpc.status.UNAVAILABLE, grpc.status.RESOURCE_EXHAUSTED,
  grpc.status.INTERNAL, grpc.status.UNKNOWN]);
const MAX_RESUMES = 5;

function options() {
  const { values } = parseArgs({
    options: {
      target: { type: 'string', default: 'localhost:8080' },
      'token-in': { type: 'string', default: 'SOL' },
      'token-out': { type: 'string', default: 'USDC' },
      amount: { type: 'string', default: '10' },
      slippage: { type: 'string', default: '0.5' },
      'order-id': { type: 'string' },
      'proto-dir': { type: 'string', default: PROTO_DIR },
    },
  });
  return values;
}

function loadService(protoDir) {
  // proto-loader brings google/protobuf/timestamp.proto itself; enums as names, int64 as strings.
  const definition = protoLoader.loadSync('orderstream/v1/orders.proto', {
    includeDirs: [protoDir], keepCase: false, longs: String, enums: String, defaults: true,
  });
  return grpc.loadPackageDefinition(definition).orderstream.v1.OrderService;
}

const step = (status) => status.replace('ORDER_STATUS_', '').toLowerCase();

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

function describe(error) {
  const name = Object.keys(grpc.status).find((key) => grpc.status[key] === error.code) ?? error.code;
  return `${name}: ${error.details || error.message}`;
}

function submit(client, args) {
  const request = {
    tokenIn: args['token-in'], tokenOut: args['token-out'], amount: args.amount, slippage: args.slippage,
  };
  return new Promise((resolve, reject) => {
    client.submitOrder(request, { deadline: Date.now() + 15_000 },
      (error, response) => (error ? reject(error) : resolve(response)));
  });
}

/** One WatchOrder stream; resolves with the terminal status, or rejects with the stream's error. */
function watchOnce(client, orderId, seen) {
  return new Promise((resolve, reject) => {
    const call = client.watchOrder({ orderId, afterSeq: String(seen.lastSeq) });
    let terminal = null;
    call.on('data', (event) => {
      const seq = Number(event.seq);
      if (seq <= seen.lastSeq) {
        return; // already shown before a resume
      }
      seen.lastSeq = seq;
      seen.progressed = true;
      show(event);
      const status = event.status.replace('ORDER_STATUS_', '');
      if (status in EXIT) {
        terminal = status;
      }
    });
    call.on('error', (error) => (terminal ? resolve(terminal) : reject(error)));
    call.on('end', () => (terminal ? resolve(terminal)
      : reject(new Error('the stream ended before the order\'s terminal event'))));
  });
}

/** Watches to the end, resuming from the last seq seen when an established stream breaks. */
async function watch(client, orderId) {
  const seen = { lastSeq: 0, progressed: false };
  let resumes = 0;
  for (;;) {
    seen.progressed = false;
    try {
      return await watchOnce(client, orderId, seen);
    } catch (error) {
      if (seen.progressed) {
        resumes = 0;
      }
      if (seen.lastSeq === 0 || !RESUMABLE.has(error.code) || ++resumes > MAX_RESUMES) {
        throw error;
      }
      const backoff = 250 * 2 ** (resumes - 1);
      console.error(`stream interrupted (${describe(error)}); resuming after seq ${seen.lastSeq} in ${backoff} ms`);
      await new Promise((resolve) => { setTimeout(resolve, backoff); });
    }
  }
}

async function main() {
  const args = options();
  const OrderService = loadService(args['proto-dir']);
  const client = new OrderService(args.target, grpc.credentials.createInsecure());
  try {
    let orderId = args['order-id'];
    if (!orderId) {
      const response = await submit(client, args);
      orderId = response.orderId;
      console.log(`submitted order ${orderId} (${args.amount} ${args['token-in']} -> ${args['token-out']})`);
    }
    console.log(`watching order ${orderId} on ${args.target}`);
    const terminal = await watch(client, orderId);
    console.log(`order ${orderId} ended: ${terminal.toLowerCase()}`);
    return EXIT[terminal];
  } catch (error) {
    const hint = error.code === grpc.status.UNAVAILABLE ? ` (is the server running at ${args.target}?)` : '';
    console.error(`error: ${error.code === undefined ? error.message : describe(error)}${hint}`);
    return 1;
  } finally {
    client.close();
  }
}

main().then((code) => { process.exitCode = code; });
