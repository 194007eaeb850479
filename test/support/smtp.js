"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SmtpSink = void 0;
const mailparser_1 = require("mailparser");
const smtp_server_1 = require("smtp-server");
class SmtpSink {
    received = [];
    rule = () => undefined;
    dropAfterData = () => false;
    dropped = [];
    acceptDelayMs = 0;
    server;
    waiters = [];
    port = 0;
    async start() {
        this.server = new smtp_server_1.SMTPServer({
            authOptional: true,
            disabledCommands: ['STARTTLS', 'AUTH'],
            logger: false,
            size: 20 * 1024 * 1024,
            onRcptTo: (address, session, callback) => {
                const refusal = this.rule(address.address, session);
                if (!refusal)
                    return callback();
                const error = new Error(refusal.message);
                error.responseCode = refusal.code;
                callback(error);
            },
            onData: (stream, session, callback) => {
                const chunks = [];
                stream.on('data', (chunk) => chunks.push(chunk));
                stream.on('end', () => {
                    const raw = Buffer.concat(chunks);
                    const receivedAt = Date.now();
                    const to = session.envelope.rcptTo.map((r) => r.address);
                    if (this.dropAfterData(to)) {
                        this.dropped.push({ to, raw });
                        const connection = [...this.server.connections].find((c) => c.session.id === session.id);
                        connection?._socket.destroy();
                        return;
                    }
                    (0, mailparser_1.simpleParser)(raw)
                        .then((parsed) => {
                        const lines = new Map(parsed.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim()]));
                        this.received.push({
                            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                            to: session.envelope.rcptTo.map((r) => r.address),
                            helo: session.hostNameAppearsAs,
                            raw,
                            parsed,
                            receivedAt,
                            header: (name) => lines.get(name.toLowerCase()),
                        });
                        this.waiters.splice(0).forEach((wake) => wake());
                        if (this.acceptDelayMs > 0)
                            setTimeout(() => callback(), this.acceptDelayMs);
                        else
                            callback();
                    })
                        .catch(callback);
                });
            },
        });
        this.server.on('error', () => undefined);
        await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
        this.port = this.server.server.address().port;
        return this;
    }
    get url() {
        return `smtp://127.0.0.1:${this.port}`;
    }
    to(address) {
        return this.received.filter((mail) => mail.to.includes(address));
    }
    async waitFor(address, count = 1, timeoutMs = 15_000) {
        const deadline = Date.now() + timeoutMs;
        while (this.to(address).length < count) {
            const left = deadline - Date.now();
            if (left <= 0)
                throw new Error(`Expected ${count} message(s) for ${address}, got ${this.to(address).length}`);
            await new Promise((resolve) => {
                const timer = setTimeout(resolve, Math.min(left, 250));
                this.waiters.push(() => {
                    clearTimeout(timer);
                    resolve();
                });
            });
        }
        return this.to(address);
    }
    async stop() {
        await new Promise((resolve) => this.server.close(() => resolve()));
    }
}
exports.SmtpSink = SmtpSink;
//# sourceMappingURL=smtp.js.map