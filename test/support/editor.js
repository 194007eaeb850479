"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EDITOR_TOKEN = void 0;
exports.editorApi = editorApi;
exports.insertArticles = insertArticles;
exports.EDITOR_TOKEN = 'editor-token-for-tests-0123456789';
function editorApi(t, token = exports.EDITOR_TOKEN, ip = '10.99.0.1') {
    async function call(method, path, body) {
        const response = await fetch(`${t.url}${path}`, {
            method,
            headers: {
                ...(token === null ? {} : { authorization: `Bearer ${token}` }),
                ...(body === undefined ? {} : { 'content-type': 'application/json' }),
                'x-forwarded-for': ip,
            },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        let json = undefined;
        try {
            json = JSON.parse(text);
        }
        catch {
        }
        return { status: response.status, json, text, headers: response.headers };
    }
    return {
        get: (path) => call('GET', path),
        post: (path, body) => call('POST', path, body),
        put: (path, body) => call('PUT', path, body),
        patch: (path, body) => call('PATCH', path, body),
        delete: (path) => call('DELETE', path),
        async waitForEdition(id, statuses, timeoutMs = 60_000) {
            const deadline = Date.now() + timeoutMs;
            for (;;) {
                const { json } = await call('GET', `/api/editions/${id}`);
                if (statuses.includes(json?.status))
                    return json;
                if (Date.now() > deadline)
                    throw new Error(`Edition ${id} is ${json?.status}, not ${statuses.join('/')}: ${JSON.stringify(json)}`);
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
        },
    };
}
async function insertArticles(t, articles) {
    const ids = [];
    for (const [index, a] of articles.entries()) {
        const published = a.publishedAt ?? new Date(Date.now() - (articles.length - index) * 60_000).toISOString();
        const [{ id }] = (await t.db.query(`INSERT INTO articles (url, title, standfirst, author, section, topics, sponsored, published_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, '[]', $6, $7, now(), now()) RETURNING id`, [a.url, a.title, a.standfirst ?? null, a.author ?? null, a.section ?? null, a.sponsored ?? false, published])).rows;
        ids.push(id);
    }
    return ids;
}
//# sourceMappingURL=editor.js.map