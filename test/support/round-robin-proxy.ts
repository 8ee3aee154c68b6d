// A reverse proxy on loopback that sends each request to the next engine in turn: the shape of a
// production deployment (several stateless engines behind nginx), small enough for a test.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export async function roundRobinProxy() {
  const targets: string[] = [];
  const hits: string[] = [];
  let next = 0;
  const server = http.createServer((req, res) => {
    const target = new URL(targets[next++ % targets.length]!);
    hits.push(`${target.port} ${req.method} ${req.url}`);
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    targets,
    hits,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
