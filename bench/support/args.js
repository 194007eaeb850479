"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.options = options;
const node_util_1 = require("node:util");
function options(usage, spec, argv = process.argv.slice(2)) {
    const parsed = (0, node_util_1.parseArgs)({
        args: argv,
        strict: true,
        options: {
            help: { type: 'boolean' },
            ...Object.fromEntries(Object.entries(spec).map(([name, o]) => [name, { type: typeof o.default === 'boolean' ? 'boolean' : 'string' }])),
        },
    }).values;
    if (parsed.help) {
        console.log(`${usage}\n`);
        for (const [name, o] of Object.entries(spec))
            console.log(`  --${name.padEnd(14)} ${o.help} (default ${o.default})`);
        process.exit(0);
    }
    const values = {};
    for (const [name, o] of Object.entries(spec)) {
        const given = parsed[name];
        if (given === undefined)
            values[name] = o.default;
        else if (typeof o.default === 'number') {
            const n = Number(given);
            if (!Number.isFinite(n) || n < 0)
                throw new Error(`--${name} must be a non-negative number, not "${String(given)}"`);
            values[name] = n;
        }
        else
            values[name] = given;
    }
    return values;
}
//# sourceMappingURL=args.js.map