"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_net_1 = require("node:net");
const capacity = Number(process.argv[2] ?? 1_000_000) + 1;
const sampleEvery = Number(process.argv[3] ?? 0);
let seen = new Uint8Array(capacity);
let stats = fresh();
let samples = [];
const END_OF_DATA = Buffer.from('\r\n.\r\n');
function fresh() {
    return { accepted: 0, distinct: 0, duplicates: 0, unknown: 0, bytes: 0, firstAt: null, lastAt: null };
}
const idOf = (address) => Number(/^r(\d+)@/.exec(address)?.[1] ?? NaN);
function sampled(recipients) {
    if (sampleEvery <= 0 || recipients.length !== 1)
        return false;
    const id = idOf(recipients[0]);
    return id === 1 || id === capacity - 1 || id % sampleEvery === 0;
}
function unstuff(data) {
    return data.toString('latin1').replace(/^\r\n/, '').replace(/\r\n\.\./g, '\r\n.') + '\r\n';
}
function record(recipients, bytes) {
    const now = Date.now();
    stats.firstAt ??= now;
    stats.lastAt = now;
    stats.bytes += bytes;
    for (const address of recipients) {
        stats.accepted += 1;
        const id = idOf(address);
        if (!Number.isInteger(id) || id >= capacity)
            stats.unknown += 1;
        else if (seen[id])
            stats.duplicates += 1;
        else {
            seen[id] = 1;
            stats.distinct += 1;
        }
    }
}
function session(socket) {
    let buffer = Buffer.alloc(0);
    let inData = false;
    let dataBytes = 0;
    let recipients = [];
    let kept = null;
    socket.setNoDelay(true);
    socket.write('220 sink.bench.test ESMTP\r\n');
    socket.on('data', (chunk) => {
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
        const replies = [];
        for (;;) {
            if (inData) {
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
            if (eol < 0)
                break;
            const line = buffer.subarray(0, eol).toString('latin1');
            buffer = buffer.subarray(eol + 2);
            const verb = line.slice(0, 4).toUpperCase();
            if (verb === 'EHLO')
                replies.push('250-sink.bench.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800');
            else if (verb === 'HELO')
                replies.push('250 sink.bench.test');
            else if (verb === 'MAIL') {
                recipients = [];
                replies.push('250 2.1.0 Ok');
            }
            else if (verb === 'RCPT') {
                recipients.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
                replies.push('250 2.1.5 Ok');
            }
            else if (verb === 'DATA') {
                inData = true;
                dataBytes = 0;
                kept = sampled(recipients) ? [] : null;
                buffer = Buffer.concat([Buffer.from('\r\n'), buffer]);
                replies.push('354 End data with <CR><LF>.<CR><LF>');
            }
            else if (verb === 'RSET' || verb === 'NOOP')
                replies.push('250 2.0.0 Ok');
            else if (verb === 'QUIT') {
                replies.push('221 2.0.0 Bye');
                socket.end(replies.join('\r\n') + '\r\n');
                return;
            }
            else
                replies.push('502 5.5.2 Command not recognised');
        }
        if (replies.length > 0)
            socket.write(replies.join('\r\n') + '\r\n');
    });
    socket.on('error', () => undefined);
}
const server = (0, node_net_1.createServer)(session);
server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send({ type: 'listening', port: address.port });
});
process.on('message', (message) => {
    if (message.type === 'stats')
        process.send({ type: 'stats', stats });
    if (message.type === 'samples')
        process.send({ type: 'samples', stats: samples });
    if (message.type === 'reset') {
        seen = new Uint8Array(capacity);
        stats = fresh();
        samples = [];
        process.send({ type: 'reset' });
    }
    if (message.type === 'stop')
        server.close(() => process.exit(0));
});
//# sourceMappingURL=smtp-sink.js.map