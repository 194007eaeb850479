"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=sink-stats.js.map