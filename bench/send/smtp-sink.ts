/**
 * An SMTP server on loopback that counts and discards: the far end of `bench:send`. It speaks
 * just enough ESMTP (with PIPELINING) for nodemailer, finds the end of each message's data with
 * a native buffer search, and records which recipients it accepted (a bit per subscriber id) so
 * the bench can prove every message arrived exactly once. It keeps a sample of the messages
 * (recipient 1, every `sampleEvery`-th and the last) for the bench to parse. It is deliberately lean: a sink that
 * parses every byte in JavaScript would measure itself rather than the senders.
 *
 * Runs as a child process; talks to its parent over IPC.
 */
import { createServer, Socket } from 'node:net';
import type { SinkStats as Stats } from './sink-stats';

const capacity = Number(process.argv[2] ?? 1_000_000) + 1;
const sampleEvery = Number(process.argv[3] ?? 0);
let seen = new Uint8Array(capacity);
let stats: Stats = fresh();
let samples: Array<{ recipient: string; raw: string }> = [];
const END_OF_DATA = Buffer.from('\r\n.\r\n');

function fresh(): Stats {
  return { accepted: 0, distinct: 0, duplicates: 0, unknown: 0, bytes: 0, firstAt: null, lastAt: null, tenthsAt: [] };
}

const idOf = (address: string): number => Number(/^r(\d+)@/.exec(address)?.[1] ?? NaN);
function sampled(recipients: string[]): boolean {
  if (sampleEvery <= 0 || recipients.length !== 1) return false;
  const id = idOf(recipients[0]);
  return id === 1 || id === capacity - 1 || id % sampleEvery === 0;
}

/** The message as the sender meant it: the DATA section without its dot-stuffing. */
function unstuff(data: Buffer): string {
  return (
    data
      .toString('latin1')
      .replace(/^\r\n/, '')
      .replace(/\r\n\.\./g, '\r\n.') + '\r\n'
  );
}

function record(recipients: string[], bytes: number): void {
  const now = Date.now();
  stats.firstAt ??= now;
  stats.lastAt = now;
  stats.bytes += bytes;
  for (const address of recipients) {
    stats.accepted += 1;
    const id = idOf(address);
    if (!Number.isInteger(id) || id >= capacity) stats.unknown += 1;
    else if (seen[id]) stats.duplicates += 1;
    else {
      seen[id] = 1;
      stats.distinct += 1;
      if (stats.distinct * 10 >= (capacity - 1) * (stats.tenthsAt.length + 1)) stats.tenthsAt.push(now);
    }
  }
}

function session(socket: Socket): void {
  let buffer: Buffer = Buffer.alloc(0);
  let inData = false;
  let dataBytes = 0;
  let recipients: string[] = [];
  let kept: Buffer[] | null = null;
  socket.setNoDelay(true);
  socket.write('220 sink.bench.test ESMTP\r\n');

  socket.on('data', (chunk: Buffer) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    const replies: string[] = [];
    for (;;) {
      if (inData) {
        // The terminator may straddle chunks; the start of the data counts as after a CRLF.
        const end = buffer.indexOf(END_OF_DATA);
        if (end < 0) {
          const keep = Math.min(buffer.length, END_OF_DATA.length - 1);
          dataBytes += buffer.length - keep;
          kept?.push(Buffer.from(buffer.subarray(0, buffer.length - keep)));
          buffer = buffer.subarray(buffer.length - keep);
          break;
        }
        dataBytes += end;
        if (kept) {
          kept.push(Buffer.from(buffer.subarray(0, end)));
          samples.push({ recipient: recipients[0], raw: unstuff(Buffer.concat(kept)) });
          kept = null;
        }
        buffer = buffer.subarray(end + END_OF_DATA.length);
        inData = false;
        record(recipients, dataBytes);
        recipients = [];
        replies.push('250 2.0.0 Ok: queued');
        continue;
      }
      const eol = buffer.indexOf('\r\n');
      if (eol < 0) break;
      const line = buffer.subarray(0, eol).toString('latin1');
      buffer = buffer.subarray(eol + 2);
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') replies.push('250-sink.bench.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800');
      else if (verb === 'HELO') replies.push('250 sink.bench.test');
      else if (verb === 'MAIL') {
        recipients = [];
        replies.push('250 2.1.0 Ok');
      } else if (verb === 'RCPT') {
        recipients.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
        replies.push('250 2.1.5 Ok');
      } else if (verb === 'DATA') {
        inData = true;
        dataBytes = 0;
        kept = sampled(recipients) ? [] : null;
        // The data begins right after this line: seed the buffer with a CRLF so a message that
        // is empty still ends at "\r\n.\r\n".
        buffer = Buffer.concat([Buffer.from('\r\n'), buffer]);
        replies.push('354 End data with <CR><LF>.<CR><LF>');
      } else if (verb === 'RSET' || verb === 'NOOP') replies.push('250 2.0.0 Ok');
      else if (verb === 'QUIT') {
        replies.push('221 2.0.0 Bye');
        socket.end(replies.join('\r\n') + '\r\n');
        return;
      } else replies.push('502 5.5.2 Command not recognised');
    }
    if (replies.length > 0) socket.write(replies.join('\r\n') + '\r\n');
  });
  socket.on('error', () => undefined);
}

const sockets = new Set<Socket>();
const server = createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  session(socket);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.send!({ type: 'listening', port: address.port });
});

process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') process.send!({ type: 'stats', stats });
  if (message.type === 'samples') process.send!({ type: 'samples', stats: samples });
  if (message.type === 'reset') {
    seen = new Uint8Array(capacity);
    stats = fresh();
    samples = [];
    process.send!({ type: 'reset' });
  }
  if (message.type === 'stop') server.close(() => process.exit(0));
  // A relay dying: no more connections, and every open one dropped, mid-message or not.
  if (message.type === 'die') {
    server.close();
    for (const socket of sockets) socket.destroy();
    process.send!({ type: 'died', stats: { ...stats, diedAt: Date.now() } });
  }
});
