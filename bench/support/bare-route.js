"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BARE_TARGET = exports.BARE_PATH = void 0;
exports.BARE_PATH = '/bench/bare';
exports.BARE_TARGET = 'https://www.newstatesman.com/bench-bare-route';
//# sourceMappingURL=bare-route.js.map