"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createEditor = createEditor;
exports.signInLink = signInLink;
exports.signIn = signIn;
exports.signInInBrowser = signInInBrowser;
const editors_service_1 = require("../../src/editors/editors.service");
const reader_1 = require("./reader");
async function createEditor(t, email) {
    await t.app.get(editors_service_1.EditorsService).create(email);
}
async function signInLink(t, email) {
    const mails = await t.smtp.waitFor(email, 1);
    const latest = mails[mails.length - 1];
    return (0, reader_1.linkIn)(String(latest.parsed.html), /\/newsroom\/sign-in\/confirm\?token=/);
}
async function signIn(t, email) {
    const editor = t.reader();
    const form = await editor.get('/newsroom/sign-in');
    const before = t.smtp.to(email).length;
    await editor.submit(form, { email });
    await t.smtp.waitFor(email, before + 1);
    const confirm = await editor.get(await signInLink(t, email));
    const dashboard = await editor.submit(confirm);
    return { editor, dashboard };
}
async function signInInBrowser(t, page, email) {
    await page.goto(`${t.url}/newsroom/sign-in`);
    const before = t.smtp.to(email).length;
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your inbox' }).waitFor();
    await t.smtp.waitFor(email, before + 1);
    await page.goto(await signInLink(t, email));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}
//# sourceMappingURL=newsroom.js.map