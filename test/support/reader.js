"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Reader = void 0;
exports.linkIn = linkIn;
const node_html_parser_1 = require("node-html-parser");
class Reader {
    base;
    ip;
    cookies = new Map();
    userAgent = 'ReaderTest/1.0';
    constructor(base, ip) {
        this.base = base;
        this.ip = ip;
    }
    cookieHeader() {
        return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    async get(url) {
        return this.request('GET', url);
    }
    async postForm(url, fields, headers = {}) {
        const body = new URLSearchParams();
        for (const [name, value] of Object.entries(fields))
            for (const v of [value].flat())
                body.append(name, v);
        return this.request('POST', url, body.toString(), { 'content-type': 'application/x-www-form-urlencoded', ...headers });
    }
    async postJson(url, json, headers = {}) {
        const page = await this.request('POST', url, typeof json === 'string' ? json : JSON.stringify(json), {
            'content-type': 'application/json',
            accept: 'application/json',
            ...headers,
        });
        let parsed;
        try {
            parsed = JSON.parse(page.body);
        }
        catch {
            parsed = undefined;
        }
        return { ...page, json: parsed };
    }
    async submit(page, fields = {}, options = {}) {
        const form = page.dom.querySelector(options.form ?? 'form');
        if (!form)
            throw new Error(`No form on ${page.url}`);
        const values = {};
        const add = (name, value) => {
            values[name] = name in values ? [...[values[name]].flat(), value] : value;
        };
        for (const input of form.querySelectorAll('input')) {
            const name = input.getAttribute('name');
            if (!name || name in fields)
                continue;
            const type = input.getAttribute('type') ?? 'text';
            if (type === 'checkbox' || type === 'radio') {
                if (input.hasAttribute('checked'))
                    add(name, input.getAttribute('value') ?? 'on');
            }
            else if (type !== 'submit') {
                add(name, input.getAttribute('value') ?? '');
            }
        }
        for (const select of form.querySelectorAll('select')) {
            const name = select.getAttribute('name');
            if (!name || name in fields)
                continue;
            const chosen = select.querySelector('option[selected]') ?? select.querySelector('option');
            add(name, chosen?.getAttribute('value') ?? '');
        }
        Object.assign(values, fields);
        if (options.button) {
            const button = form.querySelector(options.button);
            if (!button)
                throw new Error(`No button ${options.button} in the form on ${page.url}`);
            const name = button.getAttribute('name');
            if (name)
                values[name] = button.getAttribute('value') ?? '';
        }
        const action = new URL(form.getAttribute('action') ?? page.url, page.url).toString();
        return this.postForm(action, values);
    }
    async request(method, url, body, headers = {}) {
        const redirectedFrom = [];
        let page = await this.fetchPage(method, url, body, headers);
        while ([301, 302, 303, 307, 308].includes(page.status) && redirectedFrom.length < 5) {
            redirectedFrom.push({ status: page.status, url: page.url });
            page = await this.fetchPage('GET', new URL(page.headers.get('location'), page.url).toString());
        }
        return { ...page, redirectedFrom };
    }
    async fetchPage(method, url, body, headers = {}) {
        const target = new URL(url, this.base).toString();
        const response = await fetch(target, {
            method,
            body,
            redirect: 'manual',
            headers: {
                'x-forwarded-for': this.ip,
                'user-agent': this.userAgent,
                ...(this.cookies.size > 0 ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
                ...headers,
            },
        });
        for (const cookie of response.headers.getSetCookie()) {
            const [pair] = cookie.split(';');
            const at = pair.indexOf('=');
            this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
        }
        const text = await response.text();
        const dom = (0, node_html_parser_1.parse)(text);
        return {
            status: response.status,
            url: target,
            headers: response.headers,
            body: text,
            dom,
            text: (dom.querySelector('main') ?? dom).textContent.replace(/\s+/g, ' ').trim(),
        };
    }
}
exports.Reader = Reader;
function linkIn(html, match) {
    const link = (0, node_html_parser_1.parse)(html)
        .querySelectorAll('a')
        .find((a) => match.test(a.textContent) || match.test(a.getAttribute('href') ?? ''));
    if (!link)
        throw new Error(`No link matching ${match}`);
    return link.getAttribute('href');
}
//# sourceMappingURL=reader.js.map