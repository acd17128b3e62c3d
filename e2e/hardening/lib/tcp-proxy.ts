import net from 'node:net';

/**
 * A TCP proxy that drops connections: while `dropRate` > 0, each chunk in either direction
 * has a `dropRate / 2` chance to cut the connection (RST both ways): a request lost before
 * the server saw it, or a response lost after the server acted (the dangerous case for
 * idempotency).
 */
export interface DroppingProxy {
  url: string;
  dropRate: number;
  dropped: number;
  close(): Promise<void>;
}

/** Starts the proxy on 127.0.0.1:0 in front of `target` (`http://host:port`). */
export async function startDroppingProxy(target: string): Promise<DroppingProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  const proxy: DroppingProxy = {
    url: '',
    dropRate: 0,
    dropped: 0,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((client) => {
    sockets.add(client);
    const upstream = net.connect(Number(port), hostname);
    sockets.add(upstream);
    const cut = () => {
      proxy.dropped++;
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    };
    // A request cut before it reaches the server, or a response cut after the server acted.
    client.on('data', (chunk: Buffer) => {
      if (Math.random() < proxy.dropRate / 2) cut();
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (Math.random() < proxy.dropRate / 2) cut();
      else client.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('close', () => {
      sockets.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address() as net.AddressInfo;
  proxy.url = `http://127.0.0.1:${address.port}`;
  return proxy;
}
