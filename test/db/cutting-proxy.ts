/**
 * A TCP proxy on loopback between the client and the real server (issue 24), which cuts the
 * connection the way a network or a dying laptop does: after N more bytes from the client, at
 * once (a named step of a run calls `cutNow`), or just after the client's next packet reached
 * the server (the COMMIT's own round trip: the server has it, the client never hears back).
 * A cut destroys every connection open at that moment; with `refuseAfterCut` it also refuses
 * new ones until `reset` (the client died: nothing it does afterwards reaches the server).
 */
import net from 'node:net';

export interface CutPlan {
  /** Cut once this many more bytes went from client to server (the byte that crosses is not sent). */
  afterBytes?: number;
  /** Cut right after the client's next packet was forwarded (the server got it; its answer is lost). */
  afterNextPacket?: boolean;
  /** After the cut, refuse new connections until reset (a client that died). */
  refuseAfterCut?: boolean;
}

export class CuttingProxy {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  #plan: CutPlan = {};
  #sent = 0;
  #refusing = false;
  /** The server's answers are dropped (the packet that will be cut after went through). */
  #muted = false;
  /** Bytes client → server since the last reset (to size a campaign's byte cuts). */
  bytes = 0;
  /** Whether a cut happened since the last reset. */
  cut = false;

  private constructor(server: net.Server, readonly port: number) {
    this.#server = server;
  }

  static async start(target: { host: string; port: number }): Promise<CuttingProxy> {
    let proxy: CuttingProxy | undefined;
    const server = net.createServer((client) => proxy?.connection(client, target));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    proxy = new CuttingProxy(server, (server.address() as net.AddressInfo).port);
    return proxy;
  }

  /** Arms a cut (replacing any armed one) and counts from now. */
  arm(plan: CutPlan): void {
    this.#plan = plan;
    this.#sent = 0;
  }

  /** No cut armed, connections allowed again, counters at 0. */
  reset(): void {
    this.#plan = {};
    this.#sent = 0;
    this.#refusing = false;
    this.#muted = false;
    this.bytes = 0;
    this.cut = false;
  }

  /** Cuts every open connection now. */
  cutNow(refuse = this.#plan.refuseAfterCut ?? false): void {
    this.cut = true;
    this.#plan = {};
    this.#refusing = refuse;
    this.#muted = false;
    for (const s of this.#sockets) s.destroy();
    this.#sockets.clear();
  }

  private connection(client: net.Socket, target: { host: string; port: number }): void {
    if (this.#refusing) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const pair = [client, upstream];
    for (const s of pair) {
      this.#sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        this.#sockets.delete(s);
        for (const other of pair) other.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => {
      const limit = this.#plan.afterBytes;
      if (limit !== undefined && this.#sent + chunk.length > limit) {
        // The part up to the limit goes through: a cut in the middle of a packet.
        const part = chunk.subarray(0, Math.max(0, limit - this.#sent));
        if (part.length > 0) upstream.write(part);
        this.bytes += part.length;
        this.cutNow();
        return;
      }
      this.#sent += chunk.length;
      this.bytes += chunk.length;
      if (this.#plan.afterNextPacket) {
        // The server gets the packet and answers; the answer never reaches the client.
        this.#muted = true;
        this.#plan = { ...this.#plan, afterNextPacket: false };
        upstream.write(chunk, () => setTimeout(() => this.cutNow(), 200));
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!this.#muted && !client.destroyed) client.write(chunk);
    });
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
