// A TCP relay between the browser and the gateway that the test can cut, as a network outage
// or a gateway restart would: `down()` resets every open connection (the page's WebSocket and
// its keep-alive HTTP connections) and stops listening, so new ones are refused; `up()` listens
// on the same port again. Everything in between is the real gateway over real sockets.
'use strict';

const net = require('node:net');

class OutageProxy {
  /**
   * @param port where to listen; 0 for any free port. The gateway refuses WebSockets from pages
   *   of another origin than its own, so it must allow this one (orderstream.cors.origins).
   */
  constructor(targetHost, targetPort, port = 0) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.port = port;
    this.sockets = new Set();
    this.server = null;
  }

  /** Listens on 127.0.0.1 (the first time on the port given, or any free one; afterwards on the same). */
  async up() {
    const server = net.createServer((client) => this.relay(client));
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.server = server;
    this.port = server.address().port;
    return this;
  }

  /** Resets every open connection and refuses new ones until {@link up}. */
  async down() {
    const server = this.server;
    this.server = null;
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of this.sockets) {
      socket.resetAndDestroy();
    }
    this.sockets.clear();
    await closed;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  relay(client) {
    const upstream = net.connect(this.targetPort, this.targetHost);
    for (const [from, to] of [[client, upstream], [upstream, client]]) {
      this.sockets.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.sockets.delete(from);
        to.destroy();
      });
    }
  }
}

module.exports = { OutageProxy };
