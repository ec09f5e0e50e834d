// A real HTTP proxy on 127.0.0.1, as small as a proxy can be: it forwards plain requests written in
// absolute form (`GET http://host/path`) and opens CONNECT tunnels. It records what it was asked, so
// tests can prove which requests went through it, and a site that does not exist can be stood in for.

import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** The request target as the proxy got it: `http://127.0.0.1:8080/ok`, or `site.test:443` for CONNECT. */
  target: string;
  headers: IncomingHttpHeaders;
}

export interface TestProxy {
  /** `http://127.0.0.1:PORT` */
  url: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

export interface TestProxyOptions {
  /** Where the proxy connects for a host name, as its own resolver would answer; other names are used as they are. */
  hosts?: Record<string, string>;
  /** Refuse every CONNECT with this status instead of opening the tunnel. */
  refuseConnect?: number;
}

export async function startTestProxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const addressOf = (host: string) => options.hosts?.[host] ?? host;
  const server = createServer((incoming, outgoing) => {
    requests.push({ method: incoming.method ?? '', target: incoming.url ?? '', headers: incoming.headers });
    const target = new URL(incoming.url ?? '');
    const forwarded = httpRequest(
      {
        hostname: addressOf(target.hostname),
        port: target.port,
        method: incoming.method,
        path: `${target.pathname}${target.search}`,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  });
  server.on('connect', (incoming, client: Socket, head: Buffer) => {
    requests.push({ method: 'CONNECT', target: incoming.url ?? '', headers: incoming.headers });
    sockets.add(client);
    if (options.refuseConnect) return void client.end(`HTTP/1.1 ${options.refuseConnect} Refused\r\n\r\n`);
    const [host, port] = (incoming.url ?? '').split(':');
    const site = connect(Number(port), addressOf(host ?? ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      site.write(head);
      site.pipe(client);
      client.pipe(site);
    });
    sockets.add(site);
    site.on('error', () => client.destroy());
    client.on('error', () => site.destroy());
  });
  server.on('connection', (socket: Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server that keeps the first bytes each client sends (a TLS ClientHello, for one) and hangs up. */
export async function startFirstBytesServer(): Promise<{ port: number; received: Buffer[]; close(): Promise<void> }> {
  const received: Buffer[] = [];
  const server = createTcpServer((socket) => {
    socket.once('data', (bytes: Buffer) => {
      received.push(bytes);
      socket.destroy();
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
