import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';

/**
 * Local stand-ins for the outside world of NTF-1: an HTTP endpoint that
 * answers like a group robot or webhook (failing the first N calls), a
 * minimal SMTP server, and a port where nothing listens.
 */

export interface ReceivedRequest {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface HttpReceiver {
  url: string;
  received: ReceivedRequest[];
  /** Calls answered with a failure before the first success. */
  failFirst: number;
  /** The failure: an HTTP status, or a robot's 200 with this errcode. */
  failWith: { status: number } | { errcode: number };
  /** The success: a robot's { errcode: 0 } or a plain 204. */
  robot: boolean;
  close(): Promise<void>;
}

export async function startHttpReceiver(
  opts: { failFirst?: number; failWith?: HttpReceiver['failWith']; robot?: boolean } = {},
): Promise<HttpReceiver> {
  const receiver = {
    received: [] as ReceivedRequest[],
    failFirst: opts.failFirst ?? 0,
    failWith: opts.failWith ?? { status: 503 },
    robot: opts.robot ?? true,
  };
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      receiver.received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const failing = receiver.received.length <= receiver.failFirst;
      if (failing && 'status' in receiver.failWith) {
        res.writeHead(receiver.failWith.status).end('down');
      } else if (failing && 'errcode' in receiver.failWith) {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ errcode: receiver.failWith.errcode, errmsg: 'refused' }));
      } else if (receiver.robot) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
      } else {
        res.writeHead(204).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

export interface SmtpReceiver {
  url: string;
  messages: { from: string; to: string[]; data: string }[];
  close(): Promise<void>;
}

/** Just enough SMTP (RFC 5321, no TLS, no auth) for nodemailer to hand over a message. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: SmtpReceiver['messages'] = [];
  const server = createNetServer((socket) => {
    let buffer = '';
    let inData = false;
    let current = { from: '', to: [] as string[], data: '' };
    socket.write('220 localhost ESMTP test\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push(current);
          current = { from: '', to: [], data: '' };
          socket.write('250 OK queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'MAIL') current.from = line;
        if (verb === 'RCPT') current.to.push(line);
        if (verb === 'DATA') inData = true;
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 localhost\r\n');
        else if (verb === 'DATA') socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        else if (verb === 'QUIT') socket.end('221 Bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A local port with nothing listening: connections are refused at once. */
export async function deadPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
