"use strict";
process.env.TEST_DATABASE = 'embedded';
//# sourceMappingURL=embedded-env.js.map